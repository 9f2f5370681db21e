"""How much a model's answers hang on the playback level: each model is trained on a dataset's clips as they are
and asked about its test clips as they are, 6 dB quieter and 6 dB louder (float WAV copies: no clipping), for the
raw level (the published features) and the default 'rms' level (features.set_level). Same folds for every row.
Usage: python bench/level.py DATA_DIR [--kind features | musicnn] [--models logreg,svm] [--protocols kfold,kfold-artist] [--folds 5]"""
import argparse, os, tempfile, time, warnings
from pathlib import Path
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

GAINS = {"as is": 1.0, "-6 dB": 0.5, "+6 dB": 2.0}


def gain_copies(dataset, gain, root) -> Path:
    "A copy of `dataset`'s tracks at `gain`, as float WAV files under `root` (<genre>/<track_id>.wav)."
    import numpy as np, soundfile as sf
    from genre_nb.audio import load_audio
    for r in dataset.tracks.itertuples():
        (root / r.genre).mkdir(parents=True, exist_ok=True)
        sf.write(root / r.genre / f"{r.track_id}.wav", (load_audio(r.path, 22050) * gain).astype(np.float32), 22050, subtype="FLOAT")
    return root


def tables(kind, sets, level):
    "{gain name: feature table} of `kind` at `level`."
    from genre_nb.classical import as_feature_table
    if kind == "features":
        from genre_nb.features import extract_features, feature_params
        return {k: as_feature_table(extract_features(d, feature_params(level=level), n_jobs=2, progress=False).table) for k, d in sets.items()}
    from genre_nb.transfer import extract_embeddings
    return {k: as_feature_table(extract_embeddings(d, level=level, progress=False).table) for k, d in sets.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir"); ap.add_argument("--kind", choices=("features", "musicnn"), default="features")
    ap.add_argument("--models", default="logreg,knn,rf,svm,gb,xgb"); ap.add_argument("--protocols", default="kfold,kfold-artist")
    ap.add_argument("--folds", type=int, default=5)
    a = ap.parse_args()
    import pandas as pd
    from genre_nb.classical import _inner_cv, check_models, feature_columns, make_search
    from genre_nb.data import open_dataset
    from genre_nb.splits import protocol_splits
    models = check_models(a.models)
    ds = open_dataset(a.data_dir)
    with tempfile.TemporaryDirectory() as tmp:
        sets = {k: ds if g == 1.0 else open_dataset(gain_copies(ds, g, Path(tmp) / k.replace(" ", ""))) for k, g in GAINS.items()}
        print(f"{ds.tracks.genre.nunique()} genres, {len(ds.tracks)} tracks; {a.kind}; track accuracy as is / -6 dB / +6 dB; predictions that moved")
        for level in ("raw", "rms"):
            tabs = tables(a.kind, sets, level)
            base = tabs["as is"]; cols = feature_columns(base)
            for proto in a.protocols.split(","):
                for model in models:
                    t0, res = time.time(), {k: [] for k in tabs}
                    for s in protocol_splits(base, protocol=proto, folds=a.folds, seed=0):
                        fit, cv, groups = _inner_cv(base, s, 3, 0, grouped=proto == "kfold-artist")
                        with warnings.catch_warnings():
                            warnings.simplefilter("ignore")
                            m = make_search(model, cv, n_jobs=2).fit(base.loc[fit, cols], base.genre[fit].to_numpy(str), groups=groups)
                        test = set(base.track_id[s["test"]])
                        for k, t in tabs.items():
                            t = t[t.track_id.isin(test)]
                            p = pd.DataFrame(m.predict_proba(t[cols]), columns=m.classes_).groupby(t.track_id.values).mean()
                            res[k].append(pd.DataFrame(dict(pred=p.idxmax(axis=1), truth=t.groupby("track_id").genre.first().loc[p.index])))
                    r = {k: pd.concat(v) for k, v in res.items()}
                    o = r["as is"]
                    moved = "/".join(str(int((o.pred != r[k].pred.loc[o.index]).sum())) for k in ("-6 dB", "+6 dB"))
                    print(f"level {level:3s}  {proto:12s}  {model:6s}  " + " / ".join(f"{(v.pred == v.truth).mean():6.1%}" for v in r.values())
                          + f"   moved {moved} of {len(o)}   {time.time() - t0:.0f} s", flush=True)


if __name__ == "__main__":
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # a grouped split leaving a genre out says so once per split
        main()
