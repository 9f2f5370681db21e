"""musicnn embedding speed: seconds per 30 s clip on this machine, from a cold cache (decode + 16 kHz resample +
mel + musicnn), through the same code as `genre-nb embed`. Goal: under 0.5 s per clip on 2 cores.
`--front vgg`: the pooled features of musicnn's VGG, the default front end of 03_cnn and 04_crnn, through
`transfer.frozen_features` (one thread: --n-jobs does not apply).

    .venv/bin/python bench/embed.py [DATA_DIR] [--n-jobs 2] [--limit 20] [--front musicnn|vgg]

DATA_DIR defaults to the developers' gtzan-mini beside the checkout when present, else a small synthetic set.
"""
import argparse, os, resource, tempfile, time, warnings
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("data_dir", nargs="?", type=Path, default=None)
ap.add_argument("--n-jobs", type=int, default=2)
ap.add_argument("--limit", type=int, default=20, help="clips to embed")
ap.add_argument("--front", choices=("musicnn", "vgg"), default="musicnn", help="the pretrained network")
a = ap.parse_args()

from genre_nb.data import discover
from genre_nb.synth import make_synthetic
from genre_nb.testing import dev_data
from genre_nb.transfer import FRONT_ENDS, extract_embeddings, frozen_features, musicnn

d = a.data_dir or dev_data("gtzan-mini")
if d is None: d = make_synthetic(Path(tempfile.mkdtemp()) / "synth", per_genre=2, seconds=30.0, progress=False)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    tracks = discover(d).tracks.groupby("genre").head(max(1, a.limit // 10)).head(a.limit)
def embed(t, cache, n_jobs):
    if a.front == "musicnn": return extract_embeddings(t, cache_dir=cache, n_jobs=n_jobs, progress=False).table
    return frozen_features(t, front=a.front, frames=False, cache_dir=cache, progress=False).tracks

t0 = time.perf_counter(); musicnn(FRONT_ENDS[a.front]); load = time.perf_counter() - t0
embed(tracks.head(1), tempfile.mkdtemp(), 1)  # warm-up: tracing, numba
audio_s = tracks.duration.sum()
print(f"{a.front}, {d}: {len(tracks)} clips, {audio_s / len(tracks):.1f} s each on average; {os.cpu_count()} CPUs; model build + load {load:.2f} s")
for n_jobs in sorted({1, a.n_jobs}) if a.front == "musicnn" else [1]:
    cache = tempfile.mkdtemp()
    t0, c0 = time.perf_counter(), time.process_time()
    emb = embed(tracks, cache, n_jobs)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    t1 = time.perf_counter(); embed(tracks, cache, n_jobs); cached = time.perf_counter() - t1
    print(f"n_jobs={n_jobs}: {wall / audio_s * 30:.3f} s wall per 30 s clip (goal: under 0.5 s; {cpu / audio_s * 30:.3f} CPU-s), "
          f"{len(emb)} tracks; from the cache {cached / len(tracks) * 1000:.1f} ms per clip")
print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
