"""Per-code Krippendorff's alpha (nominal) with the `krippendorff` package, for kader-bench.

Usage: python3 bench/krippendorff_compare.py MASKS UNITS CODERS CODES
MASKS holds UNITS x CODERS little-endian uint64: bit c = code c applied, bit 63 = missing.
Prints one JSON object: {"alphas": [...], "seconds": total seconds of the alpha calls}.
"""
import json
import sys
import time

import numpy as np
import krippendorff


def main():
    path, units, coders, codes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    masks = np.fromfile(path, dtype="<u8").reshape(units, coders).T  # coders x units
    missing = ((masks >> np.uint64(63)) & np.uint64(1)).astype(bool)
    alphas = []
    seconds = 0.0
    for c in range(codes):
        data = ((masks >> np.uint64(c)) & np.uint64(1)).astype(float)
        data[missing] = np.nan
        t0 = time.perf_counter()
        a = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
        seconds += time.perf_counter() - t0
        alphas.append(float(a))
    print(json.dumps({"alphas": alphas, "seconds": seconds}))


if __name__ == "__main__":
    main()
