"""What augmenting the recordings adds to the CNN's head on a frozen musicnn (03_cnn's default), scored by artist:
one augmented copy of every training clip beside the clip, one augmentation at a time, on the same folds and seeds.
Each copy is embedded by musicnn as the clip is (levelled, tiled to a patch); test clips are never augmented.
Usage: python bench/head_augment.py DATA_DIR[:DATA_DIR...] [--augment none,eq,filter,noise,mix,pitch,stretch] [--seeds 0,1,2] [--out OUT.jsonl]"""
import argparse, json, os, time
from pathlib import Path
os.environ.setdefault("KERAS_BACKEND", "tensorflow"); os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np

GOAL = 0.70  # issue 23: at least 70% by artist on gtzan-mini + gtzan-excerpts


def eq(y, sr, rng):
    "A smooth random EQ: gains of -6 to +6 dB at 8 frequencies spaced evenly in log, interpolated between them."
    F, f = np.fft.rfft(y), np.fft.rfftfreq(len(y), 1 / sr)
    knots = np.geomspace(60, sr / 2, 8)
    gain_db = np.interp(np.log(np.maximum(f, 30)), np.log(knots), rng.uniform(-6, 6, len(knots)))
    return np.fft.irfft(F * 10 ** (gain_db / 20), len(y))


def band_limit(y, sr, rng):
    "A phone or a small speaker: a low-pass at 3-7.9 kHz or a high-pass at 100-400 Hz, at random."
    import scipy.signal as ss
    sos = (ss.butter(4, rng.uniform(3000, 7900), "low", fs=sr, output="sos") if rng.random() < 0.5
           else ss.butter(2, rng.uniform(100, 400), "high", fs=sr, output="sos"))
    return ss.sosfilt(sos, y)


def noise(y, sr, rng):
    "Brown background noise (genre_nb.sounds) 15-30 dB below the clip."
    from genre_nb.sounds import coloured_noise
    n = coloured_noise(len(y), "brown", seed=int(rng.integers(2 ** 32)))
    snr_db = rng.uniform(15, 30)
    return y + n * np.sqrt(np.mean(y ** 2) / (np.mean(n ** 2) + 1e-12) / 10 ** (snr_db / 10))


def pitch(y, sr, rng):
    "Shifted by 1 or 2 semitones up or down (librosa's phase vocoder and resampling)."
    import librosa
    return librosa.effects.pitch_shift(y, sr=sr, n_steps=float(rng.choice([-2, -1, 1, 2])))


def stretch(y, sr, rng):
    "Played 12% slower to 12% faster, pitch kept (librosa's phase vocoder)."
    import librosa
    return librosa.effects.time_stretch(y, rate=float(rng.uniform(0.88, 1.12)))


def mix(y, other, rng):
    "`y` with `other` (tiled or cut to its length) 6-12 dB below it."
    from genre_nb.audio import tile_to
    other = tile_to(other, len(y))[:len(y)]
    return y + other * np.sqrt(np.mean(y ** 2) / (np.mean(other ** 2) + 1e-12)) * 10 ** (-rng.uniform(6, 12) / 20)


AUGMENT = dict(eq=eq, filter=band_limit, noise=noise, pitch=pitch, stretch=stretch)
ALL = ["none", *AUGMENT, "mix"]  # mix: another training clip of the genre by another artist


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", help="a dataset folder, or several joined by ':'")
    ap.add_argument("--augment", default=",".join(ALL), help=f"a comma list of {', '.join(ALL)}")
    ap.add_argument("--seeds", default="0,1,2", help="head seeds (fold k trains with seed + k); the folds stay seed 0's")
    ap.add_argument("--out", help="append a JSON line per row here")
    a = ap.parse_args()
    if a.out and not Path(a.out).parent.is_dir(): ap.error(f"--out {a.out!r}: no folder {str(Path(a.out).parent)!r}")
    names = a.augment.split(",")
    if bad := [n for n in names if n not in ALL]: ap.error(f"--augment: unknown {', '.join(bad)}; choose from {', '.join(ALL)}")
    try: seeds = [int(s) for s in a.seeds.split(",")]
    except ValueError: ap.error(f"--seeds: expected whole numbers separated by commas, got {a.seeds!r}")
    import pandas as pd
    from genre_nb.audio import load_audio
    from genre_nb.cnn import cnn_head
    from genre_nb.data import discover, resolve_data_dir
    from genre_nb.evaluate import vote
    from genre_nb.splits import protocol_splits
    from genre_nb.transfer import MIN_CLIP_SECONDS, MUSICNN, frozen_features, frozen_proba, train_frozen, embed_patches, musicnn_input
    t0 = time.time()
    # as 03_cnn opens it (frozen_report): clips from 1 s, shorter ones than a patch tiled to it
    from genre_nb.config import GenreNbError
    try: ds = discover(resolve_data_dir(a.data_dir, progress=False), min_seconds=MIN_CLIP_SECONDS)
    except GenreNbError as e: ap.error(f"data_dir {a.data_dir!r}: {e}")  # before musicnn loads
    ff = frozen_features(ds, frames=False, progress=False)
    t = ff.tracks
    splits = protocol_splits(t, protocol="kfold-artist", folds=5, seed=0)
    tested = np.any([s["test"] for s in splits], axis=0)  # a genre of one artist is left out of grouped folds
    classes = sorted(t.genre[tested].unique())
    n_patches = np.array([len(p) for p in ff.pooled])
    print(f"{len(t)} clips ({(n_patches == 1).sum()} of one patch; {tested.sum()} scored), {t.group.nunique()} artists, 5 folds by artist; "
          f"features {time.time() - t0:.0f} s", flush=True)
    sr, g, art = MUSICNN["sr"], t.genre.to_numpy(), t.group.to_numpy()
    audio = [load_audio(p, sr) for p in t.path] if set(names) - {"none"} else None

    def embed(y): return embed_patches(musicnn_input(np.asarray(y, np.float32), level="rms"))

    def copies(name, train):  # the pooled rows of an augmented copy of each clip of `train` (positions in t)
        out = []
        for i in train:
            rng = np.random.default_rng(i)
            if name == "mix":  # a partner from the same fold's training clips: no test audio leaks in
                others = train[(g[train] == g[i]) & (art[train] != art[i])]
                out.append(embed(mix(audio[i], audio[rng.choice(others)] if len(others) else audio[i], rng)))
            else: out.append(embed(AUGMENT[name](audio[i], sr, rng)))
        return out

    print(f"{'augmentation':<12} {'by artist, per seed':<24} {'mean':>6} {'goal':>5}  30 s clips  one-patch clips  seconds")
    for name in names:
        tn, acc = time.time(), []
        # mix draws partners among each fold's training clips; the others make one copy of each clip for every fold
        if name == "mix": per_fold = [copies(name, np.flatnonzero(s["train"])) for s in splits]
        elif name != "none": every = copies(name, np.arange(len(t)))
        for seed in seeds:
            correct = np.zeros(len(t), bool)
            for k, s in enumerate(splits):
                tr, te = np.flatnonzero(s["train"]), np.flatnonzero(s["test"])
                if name == "none": ffk, idx = ff, tr
                else:  # the copies as extra tracks of the same genre and artist, after the originals
                    rows = per_fold[k] if name == "mix" else [every[i] for i in tr]
                    tk = t.iloc[tr].assign(track_id=lambda d: d.track_id + f"~{name}")
                    ffk = ff._replace(tracks=pd.concat([t, tk], ignore_index=True), pooled=list(ff.pooled) + rows)
                    idx = np.concatenate([tr, len(t) + np.arange(len(tr))])
                net, _ = train_frozen(cnn_head, ffk, idx, classes, seed=seed + k)
                p = frozen_proba(net, ff, te)
                clip = vote(p, np.repeat(te, n_patches[te]), classes)  # a clip: the mean of its patches
                correct[clip.index] = clip.idxmax(axis=1).to_numpy() == g[clip.index]
            part = lambda m: correct[m].mean() if m.any() else np.nan  # a kind of clip the data may not hold
            acc.append((part(tested), part(tested & (n_patches > 1)), part(tested & (n_patches == 1))))
        m = np.mean(acc, axis=0)
        pc = lambda x, w: f"{x:>{w}.1%}" if x == x else f"{'-':>{w}}"
        print(f"{name:<12} {' / '.join(f'{x[0]:.1%}' for x in acc):<24} {m[0]:>6.1%} {GOAL:>5.0%}  {pc(m[1], 10)}  {pc(m[2], 15)}"
              f"  {time.time() - tn:>7.0f}", flush=True)
        if a.out:
            with open(a.out, "a") as f:
                f.write(json.dumps(dict(augment=name, seeds=seeds, by_artist=[x[0] for x in acc], mean=m[0],
                                        long_clips=m[1], one_patch_clips=None if np.isnan(m[2]) else m[2], seconds=time.time() - tn)) + "\n")


if __name__ == "__main__":
    main()
