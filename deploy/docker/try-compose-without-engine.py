#!/usr/bin/env python3
"""Runs the nodes of deploy/docker/compose.yaml without a Docker engine, as local processes.

Each node service's entrypoint (deploy/docker/entrypoint.sh) runs with the service's environment
from compose.yaml, except what only an engine provides: its own data directory under --dir for
its volume, a shared cards directory for the `cards` volume, a control socket per node, and a
port on 127.0.0.1 (CITYNET_PORT, CITYNET_LISTEN and CITYNET_ADVERTISE rewritten from the
compose value tcp://SERVICE:7400). All start at once, as `compose up` starts them; each waits
for its partners' cards before its citynetd starts. Once every node passes the image's
healthcheck (`citynet node status`), the demo-publish service's script publishes the seed cases
at copenhagen, and this waits until every node is connected to its partners and holds exactly
the cases of its networks (the placement deploy/demo_mesh.py checks), with the networks and
members read from the services' CITYNET_NETWORKS. Then every node gets SIGTERM (exit 0 wanted),
all start again on the same directories (nothing set up or published twice), converge, stop.

usage: try-compose-without-engine.py [--bin-dir DIR]... [--dir DIR] [--base-port PORT] [--stagger S]
       try-compose-without-engine.py --chroot ROOT [--user citynet] ...   (as root)
The binaries come from PATH, or the --bin-dir directories (the build's tools/ and node/, or an
image root's usr/bin and usr/sbin). With --chroot, everything (the image's own entrypoint and
demo-publish, citynet, citynetd) runs in the image root made by try-without-engine.sh, as its
user, the nodes' directories under ROOT/tmp. Needs python3-yaml. Exit 0 when everything held.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent


def free_port():
    """A port free on 127.0.0.1 now (for --base-port 0: the test suite's parallel runs)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fail(msg):
    print(f"FAIL: {msg}", flush=True)
    return False


class Nodes:
    def __init__(self, args, compose):
        # With --chroot, everything runs in the image's root as its user: the nodes' directory
        # is under the root (self.dir on the host, self.inner inside), the scripts are the
        # image's copies, and PATH is the image's.
        self.root = Path(args.chroot).resolve() if args.chroot else None
        self.inner = Path(args.dir if not self.root else "/tmp/citynet-compose-try")
        self.dir = (self.root / self.inner.relative_to("/")) if self.root else self.inner.resolve()
        self.inner = self.inner if self.root else self.dir
        self.prefix = []
        self.entrypoint = str(HERE / "entrypoint.sh")
        self.publisher_script = str(HERE / "demo-publish.sh")
        if self.root:
            passwd = (self.root / "etc" / "passwd").read_text().splitlines()
            ids = [line.split(":")[2:4] for line in passwd if line.startswith(f"{args.user}:")]
            if not ids:
                raise SystemExit(f"no user {args.user} in {self.root}/etc/passwd")
            self.ids = tuple(int(i) for i in ids[0])
            self.prefix = ["chroot", f"--userspec={self.ids[0]}:{self.ids[1]}", str(self.root)]
            self.entrypoint = "/usr/local/bin/citynet-entrypoint"
            self.publisher_script = "/usr/local/bin/citynet-demo-publish"
        self.timeout = args.timeout
        self.stagger = args.stagger
        self.path = os.pathsep.join([str(Path(d).resolve()) for d in args.bin_dir] +
                                    [os.environ.get("PATH", "")])
        if self.root:
            self.path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        services = compose["services"]
        self.names = [s for s, v in services.items()
                      if "CITYNET_NAME" in (v.get("environment") or {}) and not v.get("profiles")]
        self.env = {}
        self.ports = {}
        for i, service in enumerate(self.names):
            env = {k: str(v) for k, v in services[service]["environment"].items()}
            name = env["CITYNET_NAME"]
            if name != service:
                raise SystemExit(f"service {service} has CITYNET_NAME={name}")
            advertise = env.get("CITYNET_ADVERTISE", f"tcp://{name}:7400")
            if advertise != f"tcp://{service}:7400":
                raise SystemExit(
                    f"{service}: CITYNET_ADVERTISE={advertise}, not tcp://{service}:7400")
            port = args.base_port + i if args.base_port else free_port()
            self.ports[name] = port
            env.update({
                "PATH": self.path,
                "CITYNET_DATA_DIR": str(self.inner / name),
                "CITYNET_CARDS_DIR": str(self.inner / "cards"),
                "CITYNET_CONTROL": f"ipc://{self.inner}/{name}.sock",
                "CITYNET_PORT": str(port),
                "CITYNET_LISTEN": f"tcp://127.0.0.1:{port}",
                "CITYNET_ADVERTISE": f"tcp://127.0.0.1:{port}",
                "CITYNET_CARD_WAIT_S": "60",
            })
            self.env[name] = env
        self.networks = {}
        for name in self.names:
            for n in self.env[name]["CITYNET_NETWORKS"].replace(",", " ").split():
                self.networks.setdefault(n, []).append(name)
        publish = services["demo-publish"]
        self.publish_env = {k: str(v) for k, v in publish["environment"].items()}
        self.publisher = self.publish_env["CITYNET_NAME"]
        cases = [v.split(":")[0] for v in publish["volumes"] if v.split(":")[1] == "/cases"][0]
        self.cases_dir = (HERE / cases).resolve()
        inner_cases = self.inner / "cases" if self.root else self.cases_dir
        self.publish_env.update({"PATH": self.path, "CITYNET_CASES_DIR": str(inner_cases),
                                 "CITYNET_CONTROL": self.env[self.publisher]["CITYNET_CONTROL"]})
        self.procs = {}

    def cli(self, name, *argv, check=True):
        done = subprocess.run([*self.prefix, "citynet", *argv], env=self.env[name],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=60)
        if check and done.returncode != 0:
            raise RuntimeError(f"citynet {' '.join(argv)} at {name}: {done.stderr.strip()}")
        return done

    def start(self):
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.dir / "cards").mkdir(exist_ok=True)
        if self.root:
            # As the volumes would be: the cards directory and the nodes' parent belong to the
            # image's user; the seed cases are a read-only copy.
            if not (self.dir / "cases").exists():
                shutil.copytree(self.cases_dir, self.dir / "cases")
            for d in (self.dir, self.dir / "cards"):
                os.chown(d, *self.ids)
        for i, name in enumerate(self.names):
            if i and self.stagger:
                time.sleep(self.stagger)  # the later nodes' cards come in while others wait
            log = open(self.dir / f"{name}.log", "ab")
            self.procs[name] = subprocess.Popen([*self.prefix, self.entrypoint], env=self.env[name],
                                                stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                                start_new_session=True)
        t0 = time.monotonic()
        waiting = list(self.names)
        while waiting:
            for name in list(waiting):
                if self.procs[name].poll() is not None:
                    raise RuntimeError(f"{name} exited with {self.procs[name].returncode}: "
                                       f"{self.tail(name)}")
                if self.cli(name, "node", "status", check=False).returncode == 0:
                    waiting.remove(name)
            if waiting and time.monotonic() - t0 > 90:
                raise RuntimeError(f"not healthy after 90 s: {', '.join(waiting)}")
            time.sleep(0.2)
        return time.monotonic() - t0

    def tail(self, name, n=12):
        return "\n".join((self.dir / f"{name}.log").read_text(errors="replace").splitlines()[-n:])

    def stop(self):
        codes = {}
        for name, proc in self.procs.items():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for name, proc in self.procs.items():
            try:
                codes[name] = proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                codes[name] = f"killed after 30 s ({proc.wait()})"
        self.procs = {}
        return codes

    def publish(self):
        done = subprocess.run([*self.prefix, self.publisher_script], env=self.publish_env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=300)
        print("  " + "\n  ".join(done.stdout.strip().splitlines()[-3:]), flush=True)
        if done.returncode != 0:
            raise RuntimeError(f"demo-publish failed: {done.stdout.strip()}")
        return sum(1 for line in done.stdout.splitlines() if line.startswith(
            "citynet-demo-publish: published ") and " in " in line and "records" not in line)

    def expected(self):
        want = {name: set() for name in self.names}
        for path in sorted(self.cases_dir.glob("*.json")):
            case = json.loads(path.read_text())
            for network in case["networks"]:
                for member in self.networks[network]:
                    want[member].add((network, case["title"]))
        return want

    def converge(self):
        want = self.expected()
        t0 = time.monotonic()
        while True:
            held = {n: [(r.get("network"), r.get("title")) for r in json.loads(
                self.cli(n, "case", "list", "--all", "--json").stdout)["records"]]
                for n in self.names}
            down = [f"{n} -> {p.get('name')}" for n in self.names
                    for p in json.loads(self.cli(n, "node", "status", "--json").stdout)
                    .get("peers", []) if not p.get("connected")]
            exact = all(sorted(held[n]) == sorted(want[n]) for n in self.names)
            if exact and not down:
                return held, time.monotonic() - t0, []
            if time.monotonic() - t0 > self.timeout:
                problems = [f"not connected: {d}" for d in down]
                for n in self.names:
                    if sorted(held[n]) != sorted(want[n]):
                        problems.append(f"{n} holds {len(held[n])}, wants {len(want[n])}: "
                                        f"missing {sorted(want[n] - set(held[n]))[:3]}, extra "
                                        f"{sorted(set(held[n]) - want[n])[:3]}")
                return held, time.monotonic() - t0, problems
            time.sleep(0.2)

    def table(self, held):
        lines = ["  " + "node".ljust(14) + "".join(n.rjust(18) for n in self.networks) + "  total"]
        for name in self.names:
            cells = [(str(sum(1 for net, _ in held[name] if net == n))
                      if name in self.networks[n] else "-").rjust(18) for n in self.networks]
            lines.append("  " + name.ljust(14) + "".join(cells) + f"  {len(held[name]):>5}")
        return "\n".join(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bin-dir", action="append", default=[],
                   help="a directory with citynet or citynetd, put first on PATH (repeat)")
    p.add_argument("--dir", default="/tmp/citynet-compose-try",
                   help="the nodes' directories (emptied first)")
    p.add_argument("--base-port", type=int, default=7451,
                   help="ports PORT..PORT+4 on 127.0.0.1; 0: free ports picked at run time")
    p.add_argument("--timeout", type=int, default=60, help="seconds to converge")
    p.add_argument("--chroot", metavar="ROOT",
                   help="run everything in this image root (try-without-engine.sh's WORK_DIR/"
                   "runtime) as --user, with the image's own scripts; needs root")
    p.add_argument("--user", default="citynet", help="the image's USER, for --chroot")
    p.add_argument("--stagger", type=float, default=0,
                   help="start the nodes this many seconds apart instead of at once")
    args = p.parse_args()
    compose = yaml.safe_load((HERE / "compose.yaml").read_text())
    nodes = Nodes(args, compose)
    where = nodes.path if not nodes.root else os.pathsep.join(
        f"{nodes.root}{d}" for d in nodes.path.split(os.pathsep))
    for tool in ("citynet", "citynetd"):
        if not shutil.which(tool, path=where):
            raise SystemExit(f"{tool} is not on PATH: give --bin-dir")
    shutil.rmtree(nodes.dir, ignore_errors=True)
    ok = True
    mounts = []
    try:
        if nodes.root:
            for fs in ("proc", "dev"):
                target = nodes.root / fs
                subprocess.run(["mount", "--bind", f"/{fs}", str(target)], check=True)
                mounts.append(target)
        for round_no in (1, 2):
            took = nodes.start()
            print(f"run {round_no}: {len(nodes.names)} nodes healthy {took:.1f} s after start",
                  flush=True)
            t0 = time.monotonic()
            made = nodes.publish()
            want_made = sum(len(json.loads(f.read_text())["networks"])
                            for f in nodes.cases_dir.glob("*.json")) if round_no == 1 else 0
            if made != want_made:
                ok = fail(f"run {round_no}: published {made}, expected {want_made}")
            held, conv, problems = nodes.converge()
            print(f"run {round_no}: published {made} in {time.monotonic() - t0 - conv:.1f} s; "
                  f"every node connected and holding exactly its networks' cases "
                  f"{conv:.1f} s later" if not problems else f"run {round_no}: NOT converged",
                  flush=True)
            print(nodes.table(held), flush=True)
            for problem in problems:
                ok = fail(problem)
            codes = nodes.stop()
            bad = {n: c for n, c in codes.items() if c != 0}
            if bad:
                ok = fail(f"run {round_no}: not exit 0 after SIGTERM: {bad}")
            else:
                print(f"run {round_no}: all stopped by SIGTERM, exit 0", flush=True)
            for name in nodes.names:
                log = (nodes.dir / f"{name}.log").read_text(errors="replace")
                if log.count("citynet-entrypoint: first start") != 1:
                    ok = fail(f"{name}: 'first start' {log.count('first start')} times in its log")
                if round_no == 2 and log.count("citynet-entrypoint: added ") != len(
                        nodes.env[name].get("CITYNET_PARTNERS", "").split()):
                    ok = fail(f"{name}: partners added again on the second start")
            if not ok:
                break
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        ok = fail(str(e))
    finally:
        nodes.stop()
        for target in reversed(mounts):
            subprocess.run(["umount", str(target)], check=False)
    print("compose try " + ("passed" if ok else "FAILED"), flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
