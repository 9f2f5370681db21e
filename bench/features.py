"""Feature-extraction speed and memory: genre_nb's extractor against the naive one-librosa-call-per-feature way.

Prints audio seconds processed per CPU-second, wall time and peak memory (RSS) for each, on the same clips,
the largest difference between their values, and the share of the CPU each stage of genre_nb's extractor
takes (genre_nb.dsp's steps, timed one by one on the same segments). Each extractor runs in its own process,
so the peak memory is its own. Goal (issue 13): at least 8x the naive code per CPU-second, values equal. Usage: python bench/features.py [DATA_DIR] [--tracks N] [--segment-seconds S]
(default data: the developers' gtzan-mini beside the checkout if present, else the synthetic set)."""
import argparse, json, os, resource, subprocess, sys, time
from pathlib import Path


def worker(kind, paths, segment_seconds):
    "Runs in a child process: extract every clip one way, print JSON figures."
    import numpy as np
    from genre_nb.audio import load_audio
    from genre_nb.config import SR
    from genre_nb.features import FEATURE_COLUMNS, gtzan_features, naive_gtzan_features, segment
    fn = gtzan_features if kind == "genre_nb" else naive_gtzan_features
    fn(load_audio(paths[0])[: 3 * SR])  # warm-up: numba compiles librosa's kernels on first use
    cpu0, wall0, audio, rows = time.process_time(), time.perf_counter(), 0.0, []
    for p in paths:
        y = load_audio(p)
        audio += len(y) / SR
        for s in segment(y, sr=SR, segment_seconds=segment_seconds):
            f = fn(s, SR)
            rows.append([f[k] for k in FEATURE_COLUMNS])
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    np.save(f"/tmp/bench_features_{kind}.npy", np.array(rows))
    stages = stage_seconds([s for p in paths for s in segment(load_audio(p), sr=SR, segment_seconds=segment_seconds)]) if kind == "genre_nb" else {}
    print(json.dumps(dict(kind=kind, audio_s=audio, cpu_s=cpu, wall_s=wall, peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, stages=stages)))


def stage_seconds(segs) -> dict:
    "CPU seconds of each step of genre_nb.dsp's 57 features over `segs`, run one after another as gtzan57 runs them."
    import numpy as np
    from genre_nb import dsp
    from genre_nb.config import SR
    t = {}
    def timed(name, fn, *args):
        t0 = time.process_time(); out = fn(*args); t[name] = t.get(name, 0.0) + time.process_time() - t0
        return out
    for y in segs:
        y = np.ascontiguousarray(y, dtype=np.float32)
        D = timed("stft", dsp.stft, y)
        S = timed("magnitude, power", np.abs, D); P = S ** 2
        H, Pc = timed("hpss", dsp.hpss, D)
        timed("hpss: its 2 median filters", lambda: (dsp.median_filter(S, 31, -1), dsp.median_filter(S, 31, -2)))
        timed("istft x2 (harmony, perceptr)", lambda: (dsp.istft(H, len(y)), dsp.istft(Pc, len(y))))
        timed("chroma (tuning, filterbank)", dsp.chroma_stft, P, SR, 2048)
        timed("centroid, bandwidth, rolloff", dsp.spectral_shape, S, SR, 2048)
        timed("rms, zero crossings", lambda: (dsp.rms(y), dsp.zero_crossing_rate(y)))
        mel_db = timed("mel bands, dB", lambda: dsp.power_to_db(dsp.mel_filters(SR, 2048) @ P))
        timed("onset strength, tempo", lambda: dsp.tempo(dsp.onset_strength(mel_db), SR))
        timed("mfcc (DCT)", dsp.mfcc, mel_db)
    # HPSS less its medians (timed again alone): the phase and the masks
    t["hpss: the rest (phase, masks)"] = max(t.pop("hpss") - t["hpss: its 2 median filters"], 0.0)
    return t


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", nargs="?", default=None)
    ap.add_argument("--tracks", type=int, default=10, help="clips to process (one per genre first)")
    ap.add_argument("--segment-seconds", type=float, default=3.0, help="0 = whole tracks")
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        return worker(a.worker[0], json.loads(Path(a.worker[1]).read_text()), a.segment_seconds)
    import numpy as np
    from genre_nb.data import discover, resolve_data_dir
    from genre_nb.testing import dev_data
    root = Path(a.data_dir) if a.data_dir else (dev_data("gtzan-mini") or resolve_data_dir("auto"))
    from genre_nb.config import GenreNbError
    try: tracks = discover(root).tracks
    except GenreNbError as e: sys.exit(f"bench/features.py: {e}")
    tracks = tracks.assign(k=tracks.groupby("genre").cumcount()).sort_values(["k", "genre"]).head(a.tracks)
    lst = Path("/tmp/bench_features_paths.json"); lst.write_text(json.dumps(list(tracks.path)))
    from genre_nb.dsp import _compiled_median
    print(f"data: {root}  clips: {len(tracks)}  segment: {a.segment_seconds:g} s  (one process each, 1 job, 1 thread)  "
          f"HPSS median: {'compiled (csrc/median.c)' if _compiled_median() else 'bottleneck (the C one is not built)'}")
    res = {}
    for kind in ("naive", "genre_nb"):
        # one thread each, as the extraction's worker processes run: idle BLAS threads spin and bill CPU time that does no work
        env = {**os.environ, **{k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}}
        out = subprocess.run([sys.executable, __file__, "--worker", kind, str(lst), "--segment-seconds", str(a.segment_seconds)],
                             capture_output=True, text=True, check=True, env=env)
        r = res[kind] = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{kind:>9}: {r['audio_s'] / r['cpu_s']:7.1f} audio s per CPU s   {r['wall_s']:6.1f} s wall   peak {r['peak_mb']:6.0f} MB")
    a_, b_ = np.load("/tmp/bench_features_naive.npy"), np.load("/tmp/bench_features_genre_nb.npy")
    rel = np.max(np.abs(a_ - b_) / (np.abs(a_) + 1e-9))
    speed = (res["genre_nb"]["audio_s"] / res["genre_nb"]["cpu_s"]) / (res["naive"]["audio_s"] / res["naive"]["cpu_s"])
    n_diff = int(np.sum(a_ != b_))
    print(f"speed-up: {speed:.1f}x per CPU-second (goal: at least 8x)   values: " +
          ("equal to the bit" if not n_diff else f"{n_diff} differ (largest relative difference {rel:.1e})") + f", {a_.size} numbers (goal: equal)")
    st = res["genre_nb"]["stages"]; total = sum(st.values())
    print("genre_nb's stages, share of their CPU time (" + f"{total:.2f} s in all, timed one by one):")
    for k, v in sorted(st.items(), key=lambda kv: -kv[1]): print(f"  {k:<32}{v / total:6.1%}  {v:6.2f} s")


if __name__ == "__main__":
    main()
