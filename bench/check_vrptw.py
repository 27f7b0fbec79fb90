#!/usr/bin/env python3
"""Checks a `vrptw` JSON line against its Solomon instance, independently of the optimiser.

Every customer exactly once, load <= capacity, each service starting inside its window (waiting allowed), each route
back at the depot by its due date, at most the file's vehicles; the distance is recomputed in double precision.
Usage: check_vrptw.py INSTANCE_FILE < json-line.  Prints the recomputed distance and the problems, exits 1 on any.
"""
import json
import math
import sys


def read_instance(path):
    lines = [l.split() for l in open(path)]
    number_row = next(i for i, r in enumerate(lines) if r[:1] == ["NUMBER"]) + 1
    vehicles, capacity = int(lines[number_row][0]), int(lines[number_row][1])
    table = next(i for i, r in enumerate(lines) if r[:1] == ["CUST"]) + 1
    customers = {}
    for row in lines[table:]:
        if len(row) == 7:
            c, x, y, demand, ready, due, service = (float(v) for v in row)
            customers[int(c)] = (x, y, demand, ready, due, service)
    return vehicles, capacity, customers


def main():
    vehicles, capacity, customers = read_instance(sys.argv[1])
    plan = json.loads(sys.stdin.readline())
    dist = lambda a, b: math.hypot(customers[a][0] - customers[b][0], customers[a][1] - customers[b][1])
    problems, seen, total = [], [], 0.0
    if len(plan["routes"]) > vehicles:
        problems.append(f"{len(plan['routes'])} routes, the file allows {vehicles}")
    for k, route in enumerate(plan["routes"]):
        load, time, at = 0.0, customers[0][3], 0
        for c in route:
            if c not in customers or c == 0:
                problems.append(f"route {k}: unknown customer {c}")
                continue
            travel = dist(at, c)
            total += travel
            time = max(time + travel, customers[c][3])
            if time > customers[c][4] + 1e-6:
                problems.append(f"route {k}: customer {c} starts at {time:.2f} after its due date {customers[c][4]:.0f}")
            time += customers[c][5]
            load += customers[c][2]
            seen.append(c)
            at = c
        total += dist(at, 0)
        if time + dist(at, 0) > customers[0][4] + 1e-6:
            problems.append(f"route {k}: back at the depot at {time + dist(at, 0):.2f}, after {customers[0][4]:.0f}")
        if load > capacity:
            problems.append(f"route {k}: load {load:.0f} over capacity {capacity}")
    expected = sorted(c for c in customers if c != 0)
    if sorted(seen) != expected:
        problems.append(f"customers served {len(seen)} times in all, {len(set(seen))} distinct, of {len(expected)}")
    if abs(total - plan["distance"]) > 0.01:
        problems.append(f"reported distance {plan['distance']} but the routes measure {total:.2f}")
    print(f"{total:.2f}", "ok" if not problems else "; ".join(problems))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
