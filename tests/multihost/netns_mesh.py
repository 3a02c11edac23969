#!/usr/bin/env python3
"""Multi-host test: five citynetd nodes, each in its own network namespace, then a partition.

The five partners of deploy/demo_mesh.py (same networks, same setup with `citynet init` and
`citynet peer add`, same seed cases; this script reuses its Mesh) each get a network namespace
with its own address, 10.77.0.1-5/24 on a veth pair whose other end sits on a bridge in the
test's namespace. Each node listens on ITS_ADDRESS:7400 only, its card advertises that address,
and its partners dial what the card says. Then:

1. Copenhagen publishes the seed cases; every node must hold exactly what its networks entitle
   it to (eurocities no c40 or ssc-beijing case, beijing no eurocities case...).
2. Partition: the host ends of beijing's and buenos-aires's veths move to a second bridge, so
   {copenhagen, c40, eurocities} and {beijing, buenos-aires} can no longer reach each other
   while each side still can. Copenhagen and beijing both publish c40 cases, beijing an
   ssc-beijing case. Each side must replicate what it can (c40 gets copenhagen's case,
   buenos-aires gets beijing's), nothing may cross the cut, and `citynet node status` must
   come to show every link across the cut as not connected (heartbeat_timeout_s, set to 6) while
   the links within a side stay connected.
3. Heal: the veths go back to the first bridge; every node must be connected to every partner
   again and hold exactly what its networks entitle it to, within a bound, with no fork
   evidence, no record waiting for its predecessor and no refused message.

Where the kernel has netem, every link gets --delay-ms of latency each way (the kernel it was
written on has none: it says so and runs without).

It prints the time to converge at start, within a side during the partition, to notice the
partition, and to converge after the heal, and the records per node.

It re-executes itself in new user, network, mount and PID namespaces (`unshare`), so it needs
no root, never touches the host's network, and no node outlives it (the test is PID 1 of its
PID namespace). Exit 0: passed; 1: failed (with the tail of every node's log); 77: namespaces,
bridges or veth pairs cannot be made here (the reason is printed), for ctest to mark it
skipped. Needs iproute2 (`ip`) and util-linux (`unshare`).

    tests/multihost/netns_mesh.py --build-dir build/debug
"""

import argparse
import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "deploy"))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import demo_mesh  # noqa: E402  (after the path that finds it)
from demo_mesh import NETWORKS, NODES, DemoError, Mesh  # noqa: E402

SKIP = 77
# Set by the outer process for the one inside the namespaces: the work directory it made.
WORK_ENV = "CITYNET_NETNS_WORK"
UNSHARE = ["unshare", "--user", "--map-root-user", "--net", "--mount", "--pid", "--fork"]
SUBNET = "10.77.0"
PORT = 7400
BRIDGE = "cnbr0"  # everyone
ISLAND = "cnbr1"  # the cut-off side during the partition
ISLANDERS = ["beijing", "buenos-aires"]
# One-way latency on every link (tc netem), where the kernel has netem; 0: none.
DELAY_MS = 10
# Noticing a partition takes the heartbeat timeout ([limits] heartbeat_timeout_s, PINGs every
# third of it); 30 s by default, shorter here so that the test takes seconds, not a minute.
HEARTBEAT_S = 6
# Bounds, in seconds.
START_TIMEOUT = 45
SIDE_TIMEOUT = 20
NOTICE_TIMEOUT = 40
HEAL_TIMEOUT = 45
# What each side publishes while cut off: (author, network, slug). Each network has members on
# both sides, and one on the author's side except ssc-beijing (its other member is across).
PARTITION_CASES = [
    ("copenhagen", "c40", "cph-partition-c40"),
    ("beijing", "c40", "bj-partition-c40"),
    ("beijing", "ssc-beijing", "bj-partition-ssc"),
]
CASE_TEMPLATE = "c40-summit-2019.json"


class Skip(Exception):
    pass


class Failure(Exception):
    pass


def side(name):
    return "island" if name in ISLANDERS else "mainland"


# ---- namespaces -----------------------------------------------------------------------------

class Lab:
    """One network namespace per node (cn-NAME), a veth pair each (cnvN in this namespace, eth0
    in the node's) and two bridges. Lives and dies with the test's namespaces."""

    def __init__(self):
        self.index = {name: i + 1 for i, (name, _) in enumerate(NODES)}

    def ns(self, name):
        return f"cn-{name}"

    def veth(self, name):
        return f"cnv{self.index[name]}"

    def address(self, name):
        return f"{SUBNET}.{self.index[name]}"

    def ip(self, *argv, error=Failure):
        """Runs `ip`; raises `error` (Skip while building, a Failure once the test runs)."""
        done = subprocess.run(["ip", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, timeout=20)
        if done.returncode != 0:
            raise error(f"`ip {' '.join(argv)}` failed: {done.stderr.strip()}")
        return done.stdout

    def build(self):
        # `ip netns add` keeps each namespace as a bind mount under /run/netns: a tmpfs of this
        # mount namespace, so the host's /run/netns stays untouched.
        target = "/run/netns" if os.path.isdir("/run/netns") else "/run"
        try:
            done = subprocess.run(["mount", "-t", "tmpfs", "-o", "mode=0755", "cn-netns",
                                   target], stderr=subprocess.PIPE, text=True, timeout=20)
        except OSError as e:
            raise Skip(f"cannot run mount: {e}")
        if done.returncode != 0:
            raise Skip(f"cannot mount a tmpfs on {target}: {done.stderr.strip()}")
        os.makedirs("/run/netns", exist_ok=True)
        self.ip("link", "set", "lo", "up", error=Skip)
        for bridge in (BRIDGE, ISLAND):
            self.ip("link", "add", bridge, "type", "bridge", error=Skip)
            self.ip("link", "set", bridge, "up", error=Skip)
        for name, _ in NODES:
            ns = self.ns(name)
            self.ip("netns", "add", ns, error=Skip)
            self.ip("link", "add", self.veth(name), "type", "veth", "peer", "name", "eth0",
                    "netns", ns, error=Skip)
            self.ip("link", "set", self.veth(name), "master", BRIDGE, "up", error=Skip)
            self.ip("-n", ns, "addr", "add", f"{self.address(name)}/24", "dev", "eth0",
                    error=Skip)
            self.ip("-n", ns, "link", "set", "eth0", "up", error=Skip)
            self.ip("-n", ns, "link", "set", "lo", "up", error=Skip)
        # What starts each node: it mounts a sysfs of the namespace, which a kernel may refuse.
        self.ip("netns", "exec", self.ns(NODES[0][0]), "true", error=Skip)

    def delay(self, ms):
        """Adds `ms` of latency to every packet toward each node (netem on the bridge's end
        of its veth); returns None, or why it could not."""
        for name, _ in NODES:
            try:
                done = subprocess.run(["tc", "qdisc", "add", "dev", self.veth(name), "root",
                                       "netem", "delay", f"{ms}ms"], stderr=subprocess.PIPE,
                                      text=True, timeout=20)
            except (OSError, subprocess.TimeoutExpired) as e:
                return str(e)
            if done.returncode != 0:
                return done.stderr.strip() or f"tc exited with {done.returncode}"
        return None

    def attach(self, names, bridge):
        for name in names:
            self.ip("link", "set", self.veth(name), "master", bridge)

    def bridge_of(self, name):
        info = json.loads(self.ip("-j", "link", "show", self.veth(name)))
        return info[0].get("master")


class NetnsMesh(Mesh):
    """The demo's mesh with each node in its namespace, on its own address."""

    def __init__(self, args, lab, work):
        super().__init__(types.SimpleNamespace(
            build_dir=args.build_dir, dir=str(work / "m"), cases=args.cases,
            timeout=START_TIMEOUT, check=True))
        self.lab = lab
        self.work = work
        self.extra = []  # (author, network, title) published during the partition

    def configure(self):
        super().configure()
        for name, _ in NODES:
            path = self.config(name)
            text = path.read_text()
            if "# heartbeat_timeout_s = 30" not in text:
                raise Failure(f"{path} has no '# heartbeat_timeout_s = 30' line to set")
            path.write_text(text.replace("# heartbeat_timeout_s = 30",
                                         f"heartbeat_timeout_s = {HEARTBEAT_S}"))

    def endpoint(self, name):
        return f"tcp://{self.lab.address(name)}:{PORT}"

    def dial_args(self, other):
        return []  # the endpoint on the partner's card: what this test wants to show works

    def daemon_argv(self, name):
        return ["ip", "netns", "exec", self.lab.ns(name), *super().daemon_argv(name)]

    def expected(self):
        want = super().expected()
        for _, network, title in self.extra:
            for member in NETWORKS[network]:
                want[member].add((network, title))
        return want

    def links(self):
        """{(node, partner): connected} as `citynet node status` shows it."""
        out = {}
        for name, _ in NODES:
            status = json.loads(self.cli(name, "node", "status", "--json").stdout)
            for peer in status.get("peers", []):
                out[(name, peer.get("name"))] = bool(peer.get("connected", False))
        return out

    def case_file(self, author, network, slug):
        case = json.loads((self.cases_dir / CASE_TEMPLATE).read_text())
        city = {"copenhagen": ("Copenhagen", "DK"), "beijing": ("Beijing", "CN")}[author]
        case.update(slug=slug, networks=[network], city=city[0], country=city[1],
                    title=f"Published by {author} to {network} during a partition ({slug})",
                    summary=f"A case {author} published while cut off from part of the mesh.")
        path = self.work / f"{slug}.json"
        path.write_text(json.dumps(case, ensure_ascii=False, indent=2))
        return path, case["title"]


# ---- the scenario ---------------------------------------------------------------------------

def check_addresses(mesh):
    """Each node listens on its own address only, and dials each partner where the partner's
    card says (no --endpoint was given to `citynet peer add`)."""
    order = [name for name, _ in NODES]
    for name in order:
        status = json.loads(mesh.cli(name, "node", "status", "--json").stdout)
        if status.get("listen") != [mesh.endpoint(name)]:
            raise Failure(f"{name} listens on {status.get('listen')}, not on "
                          f"{mesh.endpoint(name)}")
        for peer in status.get("peers", []):
            other = peer.get("name")
            want = mesh.endpoint(other) if order.index(name) < order.index(other) else None
            if peer.get("dial") != want:
                raise Failure(f"{name} dials {other} at {peer.get('dial')}, expected {want} "
                              f"(from {other}'s card)")


def partition_phase(mesh, lab, say):
    """Cuts, publishes on both sides, waits for each side to replicate and for every node to
    see the cut; fails as soon as a record crosses it. Returns (side_s, notice_s)."""
    before = mesh.holdings()
    lab.attach(ISLANDERS, ISLAND)
    cut_at = time.monotonic()
    say(f"partition: {', '.join(ISLANDERS)} moved to bridge {ISLAND}")
    # Sent with no delay after the cut: were the cut leaky, live push would carry them over.
    published = []
    for author, network, slug in PARTITION_CASES:
        path, title = mesh.case_file(author, network, slug)
        mesh.cli(author, "case", "publish", str(path), "--network", network, "--json")
        published.append((author, network, title))
        mesh.extra.append((author, network, title))
    # Who must get each record on its author's side, and who must not get it yet.
    reach = {n: set() for n, _ in NODES}
    barred = {n: set() for n, _ in NODES}
    for author, network, title in published:
        for member in NETWORKS[network]:
            (reach if side(member) == side(author) else barred)[member].add((network, title))
    cross = [(a, b) for a, _ in NODES for b, _ in NODES
             if side(a) != side(b) and demo_mesh.shared(a, b)]
    side_s = notice_s = None
    while True:
        held = mesh.holdings()
        for name, _ in NODES:
            leaked = barred[name] & set(held[name])
            if leaked:
                raise Failure(f"{name} received across the partition: "
                              f"{'; '.join(f'{n}: {t}' for n, t in sorted(leaked))}")
            if set(held[name]) - reach[name] != set(before[name]):
                raise Failure(f"{name}'s records changed in an unexpected way during the "
                              f"partition: {sorted(set(held[name]) ^ set(before[name]))}")
        now = time.monotonic() - cut_at
        if side_s is None and all(reach[n] <= set(held[n]) for n in reach):
            side_s = now
            say(f"  each side replicated its own cases in {side_s * 1000:.0f} ms")
        links = mesh.links()
        if notice_s is None and not any(links.get(pair, True) for pair in cross):
            notice_s = now
            say(f"  every node shows its partners across the cut as not connected after "
                f"{notice_s * 1000:.0f} ms")
        if side_s is not None and notice_s is not None:
            break
        if side_s is None and now > SIDE_TIMEOUT:
            missing = [f"{n} lacks {net}: {t}" for n in reach
                       for net, t in sorted(reach[n] - set(held[n]))]
            raise Failure("a side did not replicate within itself during the partition "
                          f"within {SIDE_TIMEOUT} s: " + "; ".join(missing))
        if now > NOTICE_TIMEOUT:
            still = [f"{a} -> {b}" for (a, b) in cross if links.get((a, b), True)]
            raise Failure(f"after {NOTICE_TIMEOUT} s of partition, `citynet node status` still "
                          f"shows connected: {', '.join(still)}")
        time.sleep(0.5)
    # The links within each side carried on.
    down = [f"{a} -> {b}" for (a, b), up in mesh.links().items()
            if side(a) == side(b) and not up]
    if down:
        raise Failure(f"links within a side went down during the partition: {', '.join(down)}")
    for name in ISLANDERS:
        if lab.bridge_of(name) != ISLAND:
            raise Failure(f"{name}'s veth left bridge {ISLAND} during the partition")
    return side_s, notice_s


def check_health(mesh):
    """After the heal: no fork evidence, no record waiting for a predecessor, nothing refused."""
    for name, _ in NODES:
        status = json.loads(mesh.cli(name, "node", "status", "--json").stdout)
        records = status.get("records", {})
        for key in ("fork_evidence", "pending"):
            if records.get(key, 0) != 0:
                raise Failure(f"{name} shows records.{key} = {records.get(key)} after the heal")
        if status.get("refused"):
            raise Failure(f"{name} refused messages: {status.get('refused')}")


def converged(mesh, bound, when):
    """Waits up to `bound` s for placement and connections; (held, seconds) or Failure."""
    mesh.timeout = bound
    held, took, problems = mesh.converge()
    if problems:
        raise Failure(f"no convergence within {bound} s {when}:\n  " + "\n  ".join(problems))
    return held, took


def scenario(mesh, lab, say):
    figures = {}
    mesh.configure()
    mesh.start()
    check_addresses(mesh)
    say("five nodes up: " + ", ".join(f"{n} {mesh.endpoint(n)}" for n, _ in NODES))
    made, _ = mesh.publish()
    held, took = converged(mesh, START_TIMEOUT, "at start")
    figures["start"] = took
    say(f"copenhagen published {made} records; converged at start in {took * 1000:.0f} ms")
    say(mesh.table(held))

    figures["side"], figures["notice"] = partition_phase(mesh, lab, say)

    lab.attach(ISLANDERS, BRIDGE)
    say(f"heal: {', '.join(ISLANDERS)} back on bridge {BRIDGE}")
    held, took = converged(mesh, HEAL_TIMEOUT, "after the heal")
    figures["heal"] = took
    say(f"every node connected and converged {took * 1000:.0f} ms after the heal")
    say(mesh.table(held))
    check_health(mesh)
    return figures


def interrupt(_signum, _frame):
    # Once: a second signal must not cut short the stopping of the nodes.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def inner(args, work):
    if os.geteuid() != 0:
        raise Skip("not root in the new user namespace")
    lab = Lab()
    lab.build()
    mesh = NetnsMesh(args, lab, work)
    say = mesh.say
    if args.delay_ms > 0:
        why = lab.delay(args.delay_ms)
        say(f"no latency added: netem is not available here ({why})" if why else
            f"latency: {args.delay_ms} ms each way on every link (netem)")
    began = time.monotonic()
    ok = False
    try:
        figures = scenario(mesh, lab, say)
        ok = True
    except (Failure, DemoError) as e:
        say(f"FAIL: {e}")
    except (KeyError, ValueError) as e:  # an answer not in the shape expected
        say(f"FAIL: {type(e).__name__}: {e}")
    except KeyboardInterrupt:
        say("FAIL: interrupted")
    finally:
        for name in mesh.stop(report=False):
            say(f"FAIL: {name} did not stop cleanly on SIGTERM")
            ok = False
        if not ok:
            for name, _ in NODES:
                say(f"---- {mesh.log(name)} (last 20 lines)\n{mesh.log_tail(name, 20)}")
    if ok:
        say(f"figures: converge at start {figures['start'] * 1000:.0f} ms; within a side during "
            f"the partition {figures['side'] * 1000:.0f} ms; partition noticed "
            f"{figures['notice'] * 1000:.0f} ms; converge after heal "
            f"{figures['heal'] * 1000:.0f} ms; whole test {time.monotonic() - began:.1f} s")
    say("netns mesh " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


def die_with_parent():
    """In the child before exec: SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG)."""
    ctypes.CDLL(None).prctl(1, signal.SIGKILL)


def children(pid):
    out = []
    for entry in os.listdir("/proc"):
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            out.append(int(entry))
    return out


def outer():
    """Checks that the namespaces can be made, then runs this script again inside them (under
    `unshare`), forwards SIGTERM and SIGINT to it and removes the work directory."""
    for tool in ("unshare", "ip"):
        if shutil.which(tool) is None:
            print(f"netns_mesh: SKIP: `{tool}` is not installed (util-linux, iproute2: "
                  f"deploy/install-deps.sh)", file=sys.stderr)
            return SKIP
    probe = subprocess.run([*UNSHARE, "true"], stderr=subprocess.PIPE, text=True)
    if probe.returncode != 0:
        print(f"netns_mesh: SKIP: cannot create user and network namespaces here: "
              f"{probe.stderr.strip()}", file=sys.stderr)
        return SKIP
    work = tempfile.mkdtemp(prefix="cn-ns-", dir="/tmp")  # short: control sockets in it
    env = dict(os.environ, **{WORK_ENV: work})
    # Should this process be killed, unshare dies (PDEATHSIG) and with it (--kill-child) the
    # test, PID 1 of its PID namespace, and so every node: nothing outlives the test.
    proc = subprocess.Popen([*UNSHARE, "--kill-child", "--mount-proc", sys.executable,
                             str(Path(__file__).resolve()), *sys.argv[1:]], env=env,
                            preexec_fn=die_with_parent)

    def forward(signum, _frame):
        # unshare ignores SIGTERM and SIGINT; the test inside stops its nodes on either.
        for pid in children(proc.pid):
            os.kill(pid, signum)
    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    try:
        return proc.wait()
    finally:
        if os.environ.get("CITYNET_KEEP_TEST_DIR"):
            print(f"netns_mesh: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--build-dir", default=str(REPO / "build" / "debug"),
                   help="the build with tools/citynet and node/citynetd (default build/debug)")
    p.add_argument("--cases", default=str(REPO / "deploy" / "demo" / "cases"),
                   help="the seed case studies Copenhagen publishes")
    p.add_argument("--delay-ms", type=int, default=DELAY_MS,
                   help=f"latency each way on every link, where netem exists (default "
                        f"{DELAY_MS}; 0: none)")
    args = p.parse_args()
    build = Path(args.build_dir)
    for binary in (build / "tools" / "citynet", build / "node" / "citynetd"):
        if not os.access(binary, os.X_OK):
            print(f"netns_mesh: {binary} is missing: build first (or give --build-dir)",
                  file=sys.stderr)
            return 2
    work = os.environ.get(WORK_ENV)
    if not work:
        return outer()
    # SIGTERM (a test's timeout, say) unwinds like Ctrl-C, so the nodes are stopped.
    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGINT, interrupt)
    try:
        return inner(args, Path(work))
    except Skip as e:
        print(f"netns_mesh: SKIP: cannot build the namespaces: {e}", file=sys.stderr)
        return SKIP


if __name__ == "__main__":
    sys.exit(main())
