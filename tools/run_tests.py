"""Run every notebook's tests as nbdev_test does (cwd nbs/, IN_TEST=1, tst_flags cells skipped), two
notebooks at a time, each in its own process, and close with one line 'N passed, N failed' counting
the notebooks with code that ran. Exit status 1 if any failed.
Usage: python tools/run_tests.py [--flags slow] [--n-workers 2] [NOTEBOOK ...]"""
import argparse, json, os, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def has_code(nb: Path) -> bool:
    return any(c["cell_type"] == "code" and c["source"] for c in json.loads(nb.read_text())["cells"])


def run_one(nb: str, flags: str):
    "In a child process: test one notebook, then leave at once (os._exit), so idle worker pools cannot hold the exit."
    from nbdev.config import get_config
    from nbdev.test import test_nb
    cfg = get_config()
    os.chdir(cfg.nbs_path)
    ok, _ = test_nb(Path(nb), skip_flags=cfg.tst_flags.split(), force_flags=flags.split(), basepath=cfg.config_path)
    try:  # joblib keeps its worker pool alive for reuse: stop it, then leave at once
        from joblib.externals.loky import get_reusable_executor
        get_reusable_executor().shutdown(wait=False, kill_workers=True)
    except Exception: pass
    sys.stdout.flush(); sys.stderr.flush()
    os._exit(0 if ok else 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*", help="notebooks to test (default: all under nbs/)")
    ap.add_argument("--flags", default="", help="space-separated test flags to run, e.g. 'slow'")
    ap.add_argument("--n-workers", type=int, default=2)
    ap.add_argument("--one", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one: return run_one(a.one, a.flags)
    from nbdev.config import get_config
    from nbdev.doclinks import nbglob
    get_config()
    files = [Path(f).absolute() for f in (a.notebooks or sorted(nbglob(as_path=True)))]
    files = [f for f in files if has_code(f)]
    if not files: sys.exit("no notebook with code to test")

    # notebooks run side by side and each runs its own worker processes: one BLAS/OpenMP thread per process
    # keeps them from oversubscribing the cores (measured: 02_classical 85 s alone, 430 s without this)
    env = {**os.environ, **{v: os.environ.get(v, "1") for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")},
           "TF_CPP_MIN_LOG_LEVEL": "2"}

    def test(f):
        t0 = time.time()
        # output to a file, not a pipe: worker processes a notebook leaves behind would hold a pipe open
        with tempfile.TemporaryFile("w+") as log:
            r = subprocess.run([sys.executable, __file__, "--one", str(f), "--flags", a.flags], stdout=log, stderr=log, env=env)
            log.seek(0)
            return r.returncode == 0, time.time() - t0, log.read()

    with ThreadPoolExecutor(a.n_workers) as ex: results = list(ex.map(test, files))
    for f, (ok, secs, log) in zip(files, results):
        if not ok: print(f"---- {f.name} ----\n{log[-6000:]}")
    for f, (ok, secs, _) in zip(files, results): print(f"{'passed' if ok else 'FAILED'}  {f.name}  ({secs:.0f} s)")
    failed = sum(not ok for ok, _, _ in results)
    print(f"{len(files) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
