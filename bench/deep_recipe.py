"""The deep training recipe's ablation and full runs on a dataset of log-mels, 5-fold by track ("kfold"):
each ingredient added in turn, on the same folds and seeds, with the seconds each run took.
Every track is scored twice from the same models: its fixed segments, and every window half a segment apart.
Usage: python bench/deep_recipe.py DATA_DIR OUT.jsonl [--model crnn] [--epochs 10] [--max-folds 2 | --folds 2,3,4] [--rows base,crop,...] [--filters 16,32,64,128] [--level rms|raw] [--segment-seconds 3] [--seed 0] [--threads 0] [--verbose]"""
import argparse, json, os, time
os.environ.setdefault("KERAS_BACKEND", "tensorflow"); os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

RECIPE = dict(crop=True, optimizer="adamw", schedule="cosine", warmup_epochs=2, learning_rate=2e-3, weight_decay=1e-2,
              label_smoothing=0.1, mixup=0.2, refit=True)
OLD = dict(crop=False, optimizer="adam", schedule="plateau", warmup_epochs=0, learning_rate=1e-3, weight_decay=0.0,
           label_smoothing=0.0, mixup=0.0, refit=False)
STEPS = [("base", {}), ("crop", dict(crop=True)),
         ("adamw+cosine", dict(optimizer="adamw", schedule="cosine", warmup_epochs=2, learning_rate=2e-3, weight_decay=1e-2)),
         ("label smoothing", dict(label_smoothing=0.1)), ("mixup", dict(mixup=0.2)), ("refit", dict(refit=True))]


def rows_of(names):
    "Cumulative settings: each named step adds its ingredient to the previous row's; 'recipe' is the full recipe alone; 'fixed' the recipe without its inner run."
    out, cur = [], dict(OLD)
    for name, add in STEPS:
        cur = {**cur, **add}
        if name in names: out.append((name, dict(cur)))
    if "recipe" in names: out.append(("recipe", dict(RECIPE)))
    if "fixed" in names: out.append(("fixed", dict(RECIPE, refit=False, valid_fraction=0.0)))  # no inner run: every training track, `--epochs` epochs
    return out


def int_list(text):
    "argparse type: '2,3,4' -> [2, 3, 4], a clear usage error otherwise."
    try: return [int(v) for v in text.split(",")]
    except ValueError: raise argparse.ArgumentTypeError(f"expected whole numbers separated by commas, got {text!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir"); ap.add_argument("out")
    ap.add_argument("--model", default="crnn"); ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--max-folds", type=int, default=2); ap.add_argument("--rows", default=",".join(n for n, _ in STEPS))
    ap.add_argument("--folds", type=int_list, default=None, help="outer folds by index, e.g. 2,3,4: a long run in parts (each fold gets the model it has in a whole run)")
    ap.add_argument("--filters", type=int_list, default=None, help="the builder's conv widths, e.g. 16,32,64,128 (default: the builder's own)")
    ap.add_argument("--level", choices=("rms", "raw"), default="rms", help="the log-mels' level (features.set_level): rms, the default, or raw")
    ap.add_argument("--segment-seconds", type=float, default=3.0, help="the window length in seconds (04_crnn: 6)")
    ap.add_argument("--seed", type=int, default=0, help="fold k trains with seed + k")
    ap.add_argument("--threads", type=int, default=0, help="TensorFlow threads (0: its default)")
    ap.add_argument("--verbose", action="store_true", help="a line per epoch")
    a = ap.parse_args()
    known = [n for n, _ in STEPS] + ["recipe", "fixed"]
    if unknown := [r for r in a.rows.split(",") if r not in known]: ap.error(f"--rows: unknown {', '.join(unknown)}; choose from {', '.join(known)}")
    if a.folds and not all(0 <= k < 5 for k in a.folds): ap.error(f"--folds: fold indices of the 5 folds are 0-4, got {a.folds}")
    if a.filters and min(a.filters) < 1: ap.error(f"--filters: widths must be at least 1, got {a.filters}")
    if not a.segment_seconds >= 0.5: ap.error(f"--segment-seconds: at least 0.5, got {a.segment_seconds}")
    if a.threads:
        import tensorflow as tf
        tf.config.threading.set_intra_op_parallelism_threads(a.threads); tf.config.threading.set_inter_op_parallelism_threads(a.threads)
    from genre_nb.data import open_dataset
    from genre_nb.features import extract_logmels, feature_params
    from genre_nb.deep import evaluate_deep
    from genre_nb.evaluate import vote
    build = getattr(__import__(f"genre_nb.{a.model}", fromlist=["x"]), f"build_{a.model}")
    lm = extract_logmels(open_dataset(a.data_dir), feature_params(level=a.level, segment_seconds=a.segment_seconds), progress=False)
    X, meta = lm.X, lm.meta
    for name, kw in rows_of(a.rows.split(",")):
        t0 = time.time()
        ev = evaluate_deep(build, X, meta, "kfold", folds=5, max_folds=a.max_folds, seed=a.seed,
                           only_folds=a.folds, epochs=a.epochs,
                           **({"filters": tuple(a.filters)} if a.filters else {}), test_hop=X.shape[2] // 2, verbose=2 if a.verbose else 0, **kw)
        half = ev.predictions
        fixed = half[half.segment % 2 == 0]  # with a hop of half a window, even windows are the fixed segments (to a frame per segment when the window is odd; the final one ends the track)
        classes = ev.track.labels
        acc = lambda p: float((vote(p[classes], p.track_id, classes).idxmax(axis=1) == p.groupby("track_id").genre.first()).mean())
        r = dict(model=a.model, row=name, epochs=a.epochs, folds_run=ev.track.params["folds_run"], track_acc_windows=ev.track.accuracy,
                 track_acc_segments=acc(fixed), fold_accuracies=ev.track.fold_accuracies,
                 folds=[int(k) for k in sorted(set(half.fold))], fold_tracks=[int(n) for n in half.groupby("fold").track_id.nunique()], segment_acc=ev.segment.accuracy,
                 train_acc=ev.track.train_accuracy, seconds=round(time.time() - t0, 1), seconds_per_epoch=ev.track.extra["seconds_per_epoch"],
                 epochs_run=ev.track.extra["epochs_run"], epochs_chosen=ev.track.extra["epochs_chosen"], filters=a.filters, level=a.level, segment_seconds=a.segment_seconds, seed=a.seed, n_params=ev.track.extra["n_params"], settings=kw)
        print(json.dumps(r), flush=True)
        with open(a.out, "a") as f: f.write(json.dumps(r) + "\n")


if __name__ == "__main__":
    main()
