"""Prediction speed: latency for one 30 s file, cold CLI (a new `genre-nb predict` process) and warm API (a loaded
Predictor); a 10-minute file; and throughput over a folder of --batch files, one at a time against n_jobs=2.

Goals (2 cores, issues 11, 13 and 22): cold CLI <= 1.5 s classical and the shipped model, <= 2.5 s other families;
the shipped model's folder (package data) <= 10 MB; warm API <= 0.2 s classical;
a 10-minute file <= 10 s with the classical model, and about 20x the 30 s file (one pass, nothing superlinear); a folder keeps both cores busy (files per second printed).
Uses every saved model under --models (default reports/models: make them with `make reports`), or with --quick-models
one model of each family trained for a moment on a small synthetic set (full-size networks: latency, not accuracy).
A network's cold CLI is timed twice: from its ONNX copy (ONNX Runtime, the default) and from Keras alone (a copy of the
folder without the .onnx file, as older model folders are).

    .venv/bin/python bench/predict.py [--models reports/models | --quick-models] [--shipped] [--file some.wav] [--repeat 5] [--batch 100] [--no-long] [--thresholds]
    .venv/bin/python bench/predict.py --shipped --models /nonexistent --batch 0    # the shipped model alone
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
ap.add_argument("--thresholds", action="store_true", help="also time folders of 4-32 files and files of 1-5 minutes with and "
                "without worker processes: where MIN_FILES and LONG_SECONDS in genre_nb.predict come from")
ap.add_argument("--shipped", action="store_true", help="also the model shipped inside the package (genre-nb predict --model pretrained)")
ap.add_argument("--quick-models", action="store_true", help="train one model of each family on a small synthetic set first (about a minute)")
ap.add_argument("--only-train", type=Path, default=None, help=argparse.SUPPRESS)  # the child process that trains the quick models
a = ap.parse_args()

import numpy as np, soundfile as sf
from genre_nb.models import model_dirs
from genre_nb.predict import load_predictor
from genre_nb.synth import synth_track

f = a.file
if f is not None and not f.is_file(): ap.error(f"--file {f}: no such file")
if f is None:
    f = Path(tempfile.mkdtemp()) / "clip.wav"
    y = synth_track("rock", seconds=30.0, sr=44100, seed=7, index=3)
    sf.write(f, np.stack([y, y], 1), 44100)
exe = shutil.which("genre-nb") or str(Path(sys.executable).parent / "genre-nb")

def quick_models(out: Path) -> Path:
    "One saved model of each family (classical logreg, CNN, CRNN, musicnn + logreg), trained for a moment on synthetic clips."
    from genre_nb.classical import fit_final, save_classical
    from genre_nb.cnn import build_cnn
    from genre_nb.crnn import build_crnn
    from genre_nb.data import discover
    from genre_nb.deep import save_deep, train_deep
    from genre_nb.features import extract_features, extract_logmels, feature_params
    from genre_nb.testing import small_synthetic
    from genre_nb.transfer import extract_embeddings, save_transfer
    ds, cache = discover(small_synthetic(per_genre=3, seconds=6.0)), out / "cache"
    meta = dict(dataset="synthetic-bench", synthetic=True, track_accuracy=0.0)
    save_classical(fit_final(extract_features(ds, cache_dir=cache, progress=False).table, "logreg", inner_folds=2), out / "models" / "classical",
                   feature_params=feature_params(), meta=dict(meta, model="logreg"))
    lm = extract_logmels(ds, cache_dir=cache, progress=False)
    for name, build in (("cnn", build_cnn), ("crnn", build_crnn)):
        net, info = train_deep(build, lm.X, lm.meta, np.arange(len(lm.meta)), epochs=1)
        save_deep(net, out / "models" / name, classes=info["classes"], mean=info["mean"], std=info["std"], feature_params=feature_params(), meta=dict(meta, model=name))
    save_transfer(fit_final(extract_embeddings(ds, cache_dir=cache, progress=False).table, "logreg", inner_folds=2), out / "models" / "transfer",
                  meta=dict(meta, model="musicnn+logreg"))
    return out / "models"

if a.only_train:
    quick_models(a.only_train); sys.exit(0)
if a.quick_models:  # trained in a child process, so that this one never loads TensorFlow (its threads slow the timings below)
    t0, out = time.perf_counter(), Path(tempfile.mkdtemp())
    subprocess.run([sys.executable, __file__, "--only-train", str(out)], check=True)
    a.models = out / "models"; print(f"quick models trained in {time.perf_counter() - t0:.0f} s: {a.models}")
dirs = model_dirs(a.models) if a.models.is_dir() else []
if a.shipped:
    from genre_nb.models import shipped_model
    if shipped_model() is None: sys.exit("--shipped: this install has no shipped model (nbs/04b_pretrained.ipynb -p rebuild True writes it)")
    dirs.append(shipped_model())
    mb = sum(p.stat().st_size for p in shipped_model().iterdir()) / 2**20
    print(f"shipped model folder {shipped_model()}: {mb:.1f} MB (goal <= 10 MB) {'ok' if mb <= 10 else 'MISSED'}")
if not dirs: sys.exit(f"no saved models in {a.models}: train some first (genre-nb run --only 02)")
print(f"file: {f} ({sf.info(f).duration:.1f} s, {sf.info(f).samplerate} Hz, {sf.info(f).channels} ch); {os.cpu_count()} CPUs")

def cold_cli(d) -> float:
    "Median seconds of a new `genre-nb predict FILE --model d` process."
    times = []
    for _ in range(max(1, a.repeat // 2)):
        t0 = time.perf_counter()
        r = subprocess.run([exe, "predict", str(f), "--model", str(d), "--json"], capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        if r.returncode: sys.exit(r.stderr)
    return statistics.median(times)

WARM = """
import json, statistics, sys, time
from genre_nb.predict import load_predictor, predict_file
t0 = time.perf_counter(); p = load_predictor(sys.argv[1]); load = time.perf_counter() - t0
predict_file(p, sys.argv[2])  # the first call warms up (ONNX Runtime's session, caches)
warm = []
for _ in range(int(sys.argv[3])):
    t0 = time.perf_counter(); predict_file(p, sys.argv[2]); warm.append(time.perf_counter() - t0)
print(json.dumps(dict(load=load, warm=warm)))
"""

def warm_api(d) -> tuple:
    "(load seconds, [seconds of each warm predict_file]) in a process of its own, as a user's script would see them."
    r = subprocess.run([sys.executable, "-c", WARM, str(d), str(f), str(a.repeat)], capture_output=True, text=True)
    if r.returncode: sys.exit(r.stderr)
    out = __import__("json").loads(r.stdout.strip().splitlines()[-1])
    return out["load"], out["warm"]

def keras_only(d) -> Path:
    "A copy of model folder `d` without its ONNX copies: prediction then loads Keras."
    k = Path(tempfile.mkdtemp()) / d.name
    shutil.copytree(d, k, ignore=shutil.ignore_patterns("*.onnx"))
    return k

warm_of = {}  # model -> warm seconds for the 30 s file (its default runtime), for the 10-minute file's ratio
print(f"{'model':<12}{'family':<11}{'runtime':<13}{'cold CLI s (median)':>21}{'goal':>7}{'load s':>8}{'warm API s (median)':>21}{'goal':>7}")
for d in dirs:
    p0 = load_predictor(d)
    # without the ONNX copies: a network loads Keras, a classical pipeline scikit-learn (and transfer both)
    fallback = {"classical": "scikit-learn", "transfer": "keras+sklearn", "pretrained": "keras+numpy"}.get(p0.family, "keras")
    cases = [(d, p0.runtime)] + ([(keras_only(d), fallback)] if p0.runtime == "onnxruntime" else [])
    for path, runtime in cases:
        cold = cold_cli(path)
        load, warm = warm_api(path)
        p = p0
        warm_of.setdefault(d.name, statistics.median(warm))
        g_cold, g_warm = (1.5, 0.2) if p.family == "classical" else (1.5, None) if p.family == "pretrained" else (2.5, None)
        ok = lambda v, g: "" if g is None else ("ok" if v <= g else "MISSED")
        print(f"{d.name:<12}{p.family:<11}{runtime:<13}{cold:>17.2f} {ok(cold, g_cold):>3}{g_cold:>7g}{load:>8.2f}"
              f"{statistics.median(warm):>17.3f} {ok(statistics.median(warm), g_warm):>3}{'' if g_warm is None else g_warm:>7}")

def goal(v, g): return f"{v:.2f} s (goal <= {g:g} s) {'ok' if v <= g else 'MISSED'}"
if not a.no_long:
    from genre_nb.predict import predict
    long_f = Path(tempfile.mkdtemp()) / "ten_minutes.wav"
    sf.write(long_f, synth_track("metal", seconds=600.0, sr=22050, seed=1, index=50), 22050)
    print(f"\n10-minute file ({long_f.name}):")
    for d in dirs:
        p = load_predictor(d)
        for n_jobs in (1, 2):
            t0 = time.perf_counter(); r = predict(long_f, p, n_jobs=n_jobs, long_seconds=60)[0]; dt = time.perf_counter() - t0
            print(f"  {d.name:<12} n_jobs={n_jobs}: " + (goal(dt, 10.0) if p.family == "classical" else f"{dt:.2f} s") +
                  f"  = {dt / warm_of[d.name]:.0f}x the 30 s file warm (goal: about 20x)  ({r.windows} windows, {r.genre})")
if a.batch:
    from genre_nb.predict import predict
    folder = Path(tempfile.mkdtemp())
    for i in range(a.batch): sf.write(folder / f"clip{i:03d}.wav", synth_track(("rock", "jazz", "disco", "classical")[i % 4], seconds=30.0, sr=22050, seed=5, index=i), 22050)
    print(f"\nthroughput over {a.batch} files of 30 s ({os.cpu_count()} CPUs):")
    for d in dirs:
        p = load_predictor(d)
        predict(folder / "clip000.wav", p)  # warm-up
        rates = {}
        for n_jobs in (1, 2):
            t0 = time.perf_counter(); res = predict(folder, p, n_jobs=n_jobs, min_files=2); dt = time.perf_counter() - t0
            rates[n_jobs] = len(res) / dt
        print(f"  {d.name:<12} one at a time {rates[1]:.2f} files/s; n_jobs=2 {rates[2]:.2f} files/s ({rates[2] / rates[1]:.2f}x)")

if a.thresholds:
    # below MIN_FILES files (and for one file under LONG_SECONDS) predict keeps to one process: starting workers
    # (imports, the model) costs more than they win. These are the timings to set them by.
    from genre_nb.predict import LONG_SECONDS, MIN_FILES, predict
    base = Path(tempfile.mkdtemp())
    clips = []
    for i in range(32):
        clips.append(base / f"clip{i:03d}.wav")
        sf.write(clips[-1], synth_track(("rock", "jazz", "disco", "classical")[i % 4], seconds=30.0, sr=22050, seed=6, index=i), 22050)
    folders = {}
    for n in (4, 8, 16, 32):
        folders[n] = base / f"n{n}"; folders[n].mkdir()
        for c in clips[:n]: shutil.copy(c, folders[n])
    longs = {}
    for secs in (60, 150, 300):
        longs[secs] = base / f"long{secs}.wav"
        sf.write(longs[secs], synth_track("metal", seconds=float(secs), sr=22050, seed=2, index=secs), 22050)
    def timed(fn):
        t0 = time.perf_counter(); fn(); return time.perf_counter() - t0
    print(f"\none process against 2 workers, seconds (genre_nb.predict: MIN_FILES = {MIN_FILES}, LONG_SECONDS = {LONG_SECONDS:g}):")
    for d in dirs:
        p = load_predictor(d)
        predict(clips[0], p)  # warm-up
        row = [f"{n} files {timed(lambda: predict(folders[n], p)):.1f} / {timed(lambda: predict(folders[n], p, n_jobs=2, min_files=1)):.1f}"
               for n in folders]
        if p.proba is not None:  # a model that scores windows: one long file can be split over workers
            row += [f"{s / 60:g} min {timed(lambda: predict(longs[s], p)):.1f} / {timed(lambda: predict(longs[s], p, n_jobs=2, long_seconds=0)):.1f}"
                    for s in longs]
        print(f"  {d.name:<12}" + ";  ".join(row))
