"""Prediction speed: latency for one 30 s file, cold CLI (a new `genre-nb predict` process) and warm API (a loaded
Predictor); a 10-minute file; and throughput over a folder of --batch files, one at a time against n_jobs=2.

Goals (2 cores, issues 11 and 13): cold CLI <= 1.5 s classical, <= 2.5 s other families; warm API <= 0.2 s classical;
a 10-minute file <= 10 s with the classical model; a folder keeps both cores busy (files per second printed).
Uses every saved model under --models (default reports/models: make one with `make reports` or `genre-nb run --only 02`).

    .venv/bin/python bench/predict.py [--models reports/models] [--file some.wav] [--repeat 5] [--batch 100] [--no-long]
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--models", type=Path, default=Path("reports/models"))
ap.add_argument("--file", type=Path, default=None, help="a 30 s audio file (default: a synthetic rock clip, 44.1 kHz stereo wav)")
ap.add_argument("--repeat", type=int, default=5)
ap.add_argument("--batch", type=int, default=100, help="files in the throughput test (0: skip it)")
ap.add_argument("--no-long", action="store_true", help="skip the 10-minute file")
a = ap.parse_args()

import numpy as np, soundfile as sf
from genre_nb.models import model_dirs
from genre_nb.predict import load_predictor, predict_file
from genre_nb.synth import synth_track

f = a.file
if f is None:
    f = Path(tempfile.mkdtemp()) / "clip.wav"
    y = synth_track("rock", 30.0, sr=44100, seed=7, index=3)
    sf.write(f, np.stack([y, y], 1), 44100)
exe = shutil.which("genre-nb") or str(Path(sys.executable).parent / "genre-nb")
dirs = model_dirs(a.models) if a.models.is_dir() else []
if not dirs: sys.exit(f"no saved models in {a.models}: train some first (genre-nb run --only 02)")
print(f"file: {f} ({sf.info(f).duration:.1f} s, {sf.info(f).samplerate} Hz, {sf.info(f).channels} ch); {os.cpu_count()} CPUs")
print(f"{'model':<12}{'family':<10}{'cold CLI s (median)':>21}{'load s':>8}{'warm API s (median)':>21}")
for d in dirs:
    cold = []
    for _ in range(max(1, a.repeat // 2)):
        t0 = time.perf_counter()
        r = subprocess.run([exe, "predict", str(f), "--model", str(d), "--json"], capture_output=True, text=True)
        cold.append(time.perf_counter() - t0)
        if r.returncode: sys.exit(r.stderr)
    t0 = time.perf_counter(); p = load_predictor(d); load = time.perf_counter() - t0
    predict_file(p, f)  # first call: numba / tf.function warm-up
    warm = []
    for _ in range(a.repeat):
        t0 = time.perf_counter(); predict_file(p, f); warm.append(time.perf_counter() - t0)
    print(f"{d.name:<12}{p.family:<10}{statistics.median(cold):>21.2f}{load:>8.2f}{statistics.median(warm):>21.3f}")

def goal(v, g): return f"{v:.2f} s (goal <= {g:g} s) {'ok' if v <= g else 'MISSED'}"
if not a.no_long:
    from genre_nb.predict import predict
    long_f = Path(tempfile.mkdtemp()) / "ten_minutes.wav"
    sf.write(long_f, synth_track("metal", 600.0, sr=22050, seed=1, index=50), 22050)
    print(f"\n10-minute file ({long_f.name}):")
    for d in dirs:
        p = load_predictor(d)
        for n_jobs in (1, 2):
            t0 = time.perf_counter(); r = predict(long_f, p, n_jobs=n_jobs, long_seconds=60)[0]; dt = time.perf_counter() - t0
            print(f"  {d.name:<12} n_jobs={n_jobs}: " + (goal(dt, 10.0) if p.family == "classical" else f"{dt:.2f} s") + f"  ({r.windows} windows, {r.genre})")
if a.batch:
    from genre_nb.predict import predict
    folder = Path(tempfile.mkdtemp())
    for i in range(a.batch): sf.write(folder / f"clip{i:03d}.wav", synth_track(("rock", "jazz", "disco", "classical")[i % 4], 30.0, sr=22050, seed=5, index=i), 22050)
    print(f"\nthroughput over {a.batch} files of 30 s ({os.cpu_count()} CPUs):")
    for d in dirs:
        p = load_predictor(d)
        predict(folder / "clip000.wav", p)  # warm-up
        rates = {}
        for n_jobs in (1, 2):
            t0 = time.perf_counter(); res = predict(folder, p, n_jobs=n_jobs, min_files=2); dt = time.perf_counter() - t0
            rates[n_jobs] = len(res) / dt
        print(f"  {d.name:<12} one at a time {rates[1]:.2f} files/s; n_jobs=2 {rates[2]:.2f} files/s ({rates[2] / rates[1]:.2f}x)")
