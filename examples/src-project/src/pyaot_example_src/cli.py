"""The ``pyaot-example-src`` command: prints a summary of the numbers given."""

import argparse

from pyaot_example_src import __version__, scalars, util


def main(argv=None):
    parser = argparse.ArgumentParser(prog="pyaot-example-src", description=__doc__)
    parser.add_argument("numbers", nargs="+", type=float)
    parser.add_argument("--window", type=int, default=2)
    parser.add_argument("--version", action="version", version=__version__)
    args = parser.parse_args(argv)
    stats = util.summary(args.numbers)
    print(" ".join(f"{key}={value:.6g}" for key, value in stats.items()))
    if len(args.numbers) >= args.window:
        print("smoothed:", " ".join(f"{x:.6g}" for x in util.smooth(args.numbers, args.window)))
    print(f"fib({len(args.numbers)}) = {scalars.fib(len(args.numbers))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
