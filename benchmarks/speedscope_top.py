#!/usr/bin/env python3
"""Inclusive time per frame of the busiest thread of a speedscope file written by `dotnet-trace convert`.

Usage: speedscope_top.py FILE [SUBSTRING...]   (frames containing any SUBSTRING; all when none)
"""
import collections
import json
import sys


def main() -> None:
    data = json.load(open(sys.argv[1]))
    frames = [f["name"] for f in data["shared"]["frames"]]
    profile = max(data["profiles"], key=lambda p: p["endValue"] - p["startValue"])
    total = profile["endValue"] - profile["startValue"]
    inclusive = collections.Counter()
    open_count = collections.Counter()
    stack = []
    for event in profile["events"]:
        if event["type"] == "O":
            stack.append((event["frame"], event["at"]))
            open_count[event["frame"]] += 1
        else:
            frame, start = stack.pop()
            open_count[frame] -= 1
            if open_count[frame] == 0:  # recursion counted once
                inclusive[frames[frame]] += event["at"] - start
    keys = sys.argv[2:]
    print(f"thread {profile['name']}: {total / 1000:.1f} s")
    for name, time in inclusive.most_common():
        if time / total < 0.005:
            break
        if not keys or any(k in name for k in keys):
            print(f"{100 * time / total:5.1f}%  {name[:160]}")


if __name__ == "__main__":
    main()
