"""musicnn embedding speed: seconds per 30 s clip on this machine, from a cold cache (decode + 16 kHz resample +
mel + musicnn), through the same code as `genre-nb embed`. Goal: under 0.5 s per clip on 2 cores.

    .venv/bin/python bench/embed.py [DATA_DIR] [--n-jobs 2] [--limit 20]

DATA_DIR defaults to the developers' gtzan-mini beside the checkout when present, else a small synthetic set.
"""
import argparse, os, resource, tempfile, time, warnings
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("data_dir", nargs="?", type=Path, default=None)
ap.add_argument("--n-jobs", type=int, default=2)
ap.add_argument("--limit", type=int, default=20, help="clips to embed")
a = ap.parse_args()

from genre_nb.data import discover
from genre_nb.synth import make_synthetic
from genre_nb.testing import dev_data
from genre_nb.transfer import extract_embeddings, musicnn

d = a.data_dir or dev_data("gtzan-mini")
if d is None: d = make_synthetic(Path(tempfile.mkdtemp()) / "synth", per_genre=2, seconds=30.0, progress=False)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    tracks = discover(d).tracks.groupby("genre").head(max(1, a.limit // 10)).head(a.limit)
t0 = time.perf_counter(); musicnn(); load = time.perf_counter() - t0
extract_embeddings(tracks.head(1), cache_dir=tempfile.mkdtemp(), n_jobs=1, progress=False)  # warm-up: tracing, numba
audio_s = tracks.duration.sum()
print(f"{d}: {len(tracks)} clips, {audio_s / len(tracks):.1f} s each on average; {os.cpu_count()} CPUs; model build + load {load:.2f} s")
for n_jobs in sorted({1, a.n_jobs}):
    cache = tempfile.mkdtemp()
    t0, c0 = time.perf_counter(), time.process_time()
    emb = extract_embeddings(tracks, cache_dir=cache, n_jobs=n_jobs, progress=False).table
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    t1 = time.perf_counter(); extract_embeddings(tracks, cache_dir=cache, n_jobs=n_jobs, progress=False); cached = time.perf_counter() - t1
    print(f"n_jobs={n_jobs}: {wall / audio_s * 30:.3f} s wall per 30 s clip ({cpu / audio_s * 30:.3f} CPU-s), "
          f"{len(emb)} tracks; from the cache {cached / len(tracks) * 1000:.1f} ms per clip")
print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
