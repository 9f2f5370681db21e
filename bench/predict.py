"""Prediction latency for one 30 s file: cold CLI (a new `genre-nb predict` process) and warm API (a loaded Predictor).

Goals (2 cores): cold CLI under 3 s, warm API under 0.2 s. Uses every saved model under --models
(default reports/models: make one with `make reports` or `genre-nb run --only 02`).

    .venv/bin/python bench/predict.py [--models reports/models] [--file some.wav] [--repeat 5]
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--models", type=Path, default=Path("reports/models"))
ap.add_argument("--file", type=Path, default=None, help="a 30 s audio file (default: a synthetic rock clip, 44.1 kHz stereo wav)")
ap.add_argument("--repeat", type=int, default=5)
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
