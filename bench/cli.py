"""Start-up time of the `genre-nb` CLI: what a user waits for before `--help` (or any command) answers.

Each figure is the median of --repeat fresh processes: `python -c "import typer"` (the floor: typer alone),
`genre-nb --help` and `genre-nb info --help`. Goal (2 cores): each help within 5x the typer import, about 0.5 s,
so heavy libraries (TensorFlow, Keras, scikit-learn, pandas, scipy.signal) must load only in the commands that use them.
Then one `python -X importtime -c "import genre_nb.cli"`: its wall time and its 8 slowest imports (cumulative),
and which of those heavy modules `import genre_nb.cli` leaves in sys.modules.

    .venv/bin/python bench/cli.py [--repeat 5]
"""
import argparse, os, statistics, subprocess, sys, time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--repeat", type=int, default=5)
a = ap.parse_args()

HEAVY = ["scipy.signal", "sklearn", "tensorflow", "keras", "pandas"]

def run(cmd):
    "Wall time of one fresh process running `cmd`, and the process (it must succeed)."
    t0 = time.perf_counter(); r = subprocess.run(cmd, capture_output=True, text=True); dt = time.perf_counter() - t0
    if r.returncode: sys.exit(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stderr}")
    return dt, r

def median(cmd): return statistics.median(run(cmd)[0] for _ in range(a.repeat))

# `python -m genre_nb.cli` only if it really runs the app (prints the usage); else the console script beside this python
cli = [sys.executable, "-m", "genre_nb.cli"]
if "Usage" not in run(cli + ["--help"])[1].stdout: cli = [str(Path(sys.executable).parent / "genre-nb")]
print(f"{os.cpu_count()} CPUs; python {sys.version.split()[0]}; CLI: {' '.join(cli)}; median of {a.repeat} fresh processes")

typer_s = median([sys.executable, "-c", "import typer"])
goal = 5 * typer_s
print(f"import typer: {typer_s:.2f} s")
for args in (["--help"], ["info", "--help"]):
    s = median(cli + args)
    print(f"genre-nb {' '.join(args)}: {s:.2f} s (goal: <= 5x import typer = {goal:.2f} s, about 0.5 s) {'ok' if s <= goal else 'MISSED'}")

# importtime lines on stderr: "import time: self [us] | cumulative | imported package", nesting shown by indentation
wall, r = run([sys.executable, "-X", "importtime", "-c", "import genre_nb.cli"])
rows = []
for line in r.stderr.splitlines():
    if not line.startswith("import time:") or "imported package" in line: continue
    self_us, cum_us, name = line[len("import time:"):].split("|")
    rows.append((int(cum_us), int(self_us), name.rstrip()))
print(f"python -X importtime -c 'import genre_nb.cli': {wall:.2f} s wall; 8 slowest imports (cumulative, self):")
for cum, own, name in sorted(rows, reverse=True)[:8]:
    print(f"  {cum / 1e6:6.2f} s {own / 1e6:6.2f} s  {name.strip()}")

code = f"import sys, genre_nb.cli; print(' '.join(f'{{m}}={{m in sys.modules}}' for m in {HEAVY!r}))"
loaded = run([sys.executable, "-c", code])[1].stdout.strip()
print(f"in sys.modules after import genre_nb.cli (goal: all False): {loaded}")
