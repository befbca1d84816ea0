"""bench_assess, unchanged, but with its profile generator made to yield only valid profiles.

``python -m benchmarks._assess_compat [--profiles N] [--rounds N]``: run_all falls back to this
when ``python -m benchmarks.bench_assess`` itself fails (see _common.compatible_generator).
"""

from benchmarks import bench_assess
from benchmarks._common import compatible_generator

if __name__ == "__main__":
    with compatible_generator():
        bench_assess.main()
