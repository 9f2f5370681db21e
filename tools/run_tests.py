"""Run every notebook's tests as nbdev_test does (in parallel, cwd nbs/, tst_flags skipped) and close with
one line 'N passed, N failed' counting the notebooks with code that ran. Exit status 1 if any failed.
Usage: python tools/run_tests.py [--flags slow] [NOTEBOOK ...]"""
import argparse, json, os, sys
from pathlib import Path

from fastcore.parallel import parallel
from fastcore.xtras import working_directory
from nbdev.config import get_config
from nbdev.doclinks import nbglob
from nbdev.test import test_nb


def has_code(nb: Path) -> bool:
    return any(c["cell_type"] == "code" and c["source"] for c in json.loads(nb.read_text())["cells"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*", help="notebooks to test (default: all under nbs/)")
    ap.add_argument("--flags", default="", help="space-separated test flags to run, e.g. 'slow'")
    ap.add_argument("--n-workers", type=int, default=min(os.cpu_count() or 1, 8))
    a = ap.parse_args()
    cfg = get_config()
    files = [Path(f).absolute() for f in (a.notebooks or sorted(nbglob(as_path=True)))]
    files = [f for f in files if has_code(f)]
    if not files: sys.exit("no notebook with code to test")
    with working_directory(cfg.nbs_path):
        res = parallel(test_nb, files, skip_flags=cfg.tst_flags.split(), force_flags=a.flags.split(),
                       n_workers=a.n_workers if len(files) > 1 else 0, basepath=cfg.config_path, pause=0.01)
    for f, (ok, secs) in zip(files, res): print(f"{'passed' if ok else 'FAILED'}  {f.name}  ({secs:.0f} s)")
    failed = sum(not ok for ok, _ in res)
    print(f"{len(files) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
