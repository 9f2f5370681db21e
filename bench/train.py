"""Seconds per epoch of the CNN and the CRNN through genre_nb's pipeline (SegmentData, a keras PyDataset
that normalises each batch), beside a plain Keras script of the same model fed from in-memory arrays
normalised beforehand. Goal: no more than 1.1x the plain script. Augmentation off in both (it is extra
work the plain script does not do); a third line shows its cost.
Usage: python bench/train.py [--segments 2000] [--epochs 3] [--batch-size 32]"""
import argparse, os, time
os.environ.setdefault("KERAS_BACKEND", "tensorflow"); os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import keras
import numpy as np


class Timer(keras.callbacks.Callback):
    def on_train_begin(self, logs=None): self.t = []
    def on_epoch_begin(self, e, logs=None): self.t0 = time.perf_counter()
    def on_epoch_end(self, e, logs=None): self.t.append(time.perf_counter() - self.t0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--segments", type=int, default=2000)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=32)
    a = ap.parse_args()
    from genre_nb.cnn import build_cnn
    from genre_nb.deep import SegmentData, band_stats
    from genre_nb.crnn import build_crnn
    rng = np.random.default_rng(0)
    X = rng.normal(-30, 10, (a.segments, 128, 130)).astype(np.float32)  # a fixed set of log-mel-shaped inputs
    y = rng.integers(0, 10, a.segments)
    idx = np.arange(a.segments)
    mean, std = band_stats(X)
    Xn = ((X - mean[:, None]) / std[:, None])[..., None]
    Y = np.eye(10, dtype=np.float32)[y]
    print(f"backend {keras.backend.backend()}, {a.segments} segments (128 x 130), batch {a.batch_size}, "
          f"{a.epochs} epochs, s/epoch after the first")
    for build in (build_cnn, build_crnn):
        res = {}
        for how in ("plain", "genre_nb", "genre_nb+augment"):
            keras.utils.set_random_seed(0)
            m = build((128, 130, 1), 10)
            m.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
            t = Timer()
            if how == "plain":
                m.fit(Xn, Y, batch_size=a.batch_size, epochs=a.epochs, shuffle=True, verbose=0, callbacks=[t])
            else:
                ds = SegmentData(X, y, idx, mean, std, 10, batch_size=a.batch_size, shuffle=True, augment=how.endswith("augment"))
                m.fit(ds, epochs=a.epochs, verbose=0, callbacks=[t])
            res[how] = float(np.mean(t.t[1:] or t.t))
        name = build.__name__.replace("build_", "")
        print(f"{name:>5}: plain {res['plain']:.1f} s/epoch   genre_nb {res['genre_nb']:.1f} s/epoch "
              f"({res['genre_nb'] / res['plain']:.2f}x, goal <= 1.1x)   with augmentation {res['genre_nb+augment']:.1f} s/epoch")


if __name__ == "__main__":
    main()
