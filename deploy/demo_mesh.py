#!/usr/bin/env python3
"""The local demo mesh: five citynetd nodes on 127.0.0.1, driven with the real binaries.

deploy/demo.sh runs this after it installed and built. It sets up (or reuses) one directory per
node under --dir with `citynet init` and `citynet peer add`, starts the five daemons, lets
Copenhagen publish the seed case studies of deploy/demo/cases (once per network a case names,
and only those not published on an earlier run), waits until every node is connected to its
partners and holds what its networks entitle it to and nothing else, prints a table per node,
publishes a synthetic citizen survey to c40 through the privacy gate and shows what c40
fetched, and keeps the nodes running until Ctrl-C, when it stops each one with SIGTERM.

--check is the non-interactive mode the test suite uses: free ports picked at run time, the
mesh started twice on the same directory (the second run must publish nothing, neither case
nor dataset, and find the same placement), every node stopped cleanly, exit 0 when all held,
1 otherwise.
"""

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

# The networks and their members, as in the founders' ARCHITECTURE.md.
NETWORKS = {
    "c40": ["copenhagen", "c40", "beijing", "buenos-aires"],
    "eurocities": ["copenhagen", "eurocities"],
    "ssc-beijing": ["copenhagen", "beijing"],
    "ssc-buenos-aires": ["copenhagen", "buenos-aires"],
}
NODES = [
    ("copenhagen", "City of Copenhagen"),
    ("c40", "C40 Cities secretariat"),
    ("eurocities", "Eurocities secretariat"),
    ("beijing", "Beijing Municipality"),
    ("buenos-aires", "Ciudad de Buenos Aires"),
]
PUBLISHER = "copenhagen"
# The anonymised dataset: Copenhagen's synthetic citizen survey, published to c40.
DATASET_TITLE = "Copenhagen citizen survey 2024 (synthetic, demo)"
DATASET_NETWORK = "c40"
DATASET_FETCHER = "c40"
SURVEY_ROWS = 400
# What the demo city declares after its dry run: columns that cannot single anyone out.
SURVEY_GATE_FLAGS = ("--insensitive", "heating_kwh_year,sorts_waste")
DEFAULT_BASE_PORT = 7401
# sockaddr_un::sun_path holds 107 bytes and a NUL.
MAX_SOCKET_PATH = 107
# Catch-up every few seconds, so a dropped live push is made good well within the minute.
CATCH_UP_S = 5


class DemoError(Exception):
    pass


def interrupt(_signum, _frame):
    raise KeyboardInterrupt


def networks_of(node):
    return [n for n, members in NETWORKS.items() if node in members]


def shared(a, b):
    return [n for n in networks_of(a) if n in networks_of(b)]


class Mesh:
    def __init__(self, args):
        self.bin_dir = Path(args.build_dir).resolve()
        self.citynet = str(self.bin_dir / "tools" / "citynet")
        self.citynetd = str(self.bin_dir / "node" / "citynetd")
        self.dir = Path(args.dir).resolve()
        self.cases_dir = Path(args.cases).resolve()
        self.timeout = args.timeout
        self.quiet = args.check
        self.procs = {}  # name -> Popen
        self.ports = {}

    # ---- output ----------------------------------------------------------------------------

    def say(self, text=""):
        print(text, flush=True)

    # ---- setup -------------------------------------------------------------------------------

    def node_dir(self, name):
        return self.dir / name

    def control(self, name):
        return f"ipc://{self.node_dir(name)}/control.sock"

    def config(self, name):
        return self.node_dir(name) / "citynetd.toml"

    def run(self, argv, check=True, timeout=120):
        try:
            done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  timeout=timeout)
        except subprocess.TimeoutExpired:
            raise DemoError(f"`{' '.join(argv)}` did not finish within {timeout} s")
        if check and done.returncode != 0:
            raise DemoError(
                f"`{' '.join(argv)}` failed (exit {done.returncode}):\n{done.stderr.strip()}")
        return done

    def endpoint(self, name):
        """Where `name` listens and its partners dial it."""
        return f"tcp://127.0.0.1:{self.ports[name]}"

    def dial_args(self, other):
        """How a node that dials `other` is told where: here its port of this run, so a card of
        an earlier run (other ports) does not matter."""
        return ["--endpoint", self.endpoint(other)]

    def daemon_argv(self, name):
        return [self.citynetd, "--config", str(self.config(name))]

    def cli(self, name, *argv, check=True, timeout=120):
        return self.run([self.citynet, *argv, "--control", self.control(name)], check=check,
                        timeout=timeout)

    def pick_ports(self, base_port):
        if base_port == 0:
            # Free ports now; a race with another process is reported when a node fails to bind.
            for name, _ in NODES:
                with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
                    s.bind(("127.0.0.1", 0))
                    self.ports[name] = s.getsockname()[1]
            return
        for i, (name, _) in enumerate(NODES):
            port = base_port + i
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
                # As libzmq binds: connections of a run just stopped, in TIME_WAIT, do not count.
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                try:
                    s.bind(("127.0.0.1", port))
                    s.listen()
                except OSError as e:
                    raise DemoError(
                        f"port {port} on 127.0.0.1 (for {name}) is taken ({e.strerror}). Is an "
                        f"earlier demo still running? Stop it with Ctrl-C, or choose other "
                        f"ports: ./deploy/demo.sh --base-port PORT (uses PORT..PORT+4)")
            self.ports[name] = port

    def configure(self):
        """Keys and cards once (kept on later runs), configs written afresh from the cards."""
        self.dir.mkdir(parents=True, exist_ok=True)
        for name, display in NODES:
            if len(str(self.node_dir(name) / "control.sock")) > MAX_SOCKET_PATH:
                raise DemoError(f"{self.dir} is too deep for a Unix socket path (at most "
                                f"{MAX_SOCKET_PATH} bytes): choose a shorter --dir")
            sock = self.node_dir(name) / "control.sock"
            if sock.exists():
                if self.cli(name, "node", "status", "--json", check=False).returncode == 0:
                    raise DemoError(f"{name} of an earlier demo still runs on {self.dir}: stop "
                                    f"it (Ctrl-C in its terminal) or give another --dir")
                sock.unlink()  # left by a node that was killed
            fresh = not (self.node_dir(name) / "data" / "keys" / "signing.key").exists()
            self.run([self.citynet, "init", "--name", name, "--display-name", display,
                      "--network", ",".join(networks_of(name)),
                      "--config", str(self.config(name)),
                      "--data-dir", str(self.node_dir(name) / "data"),
                      "--listen", self.endpoint(name),
                      "--control", self.control(name), "--force", "--json"])
            if not self.quiet:
                self.say(f"  {name:<13} {'new keys and card' if fresh else 'keys kept'}, "
                         f"listens on {self.endpoint(name)}")
        order = [name for name, _ in NODES]
        for name in order:
            for other in order:
                common = shared(name, other)
                if other == name or not common:
                    continue
                card = self.node_dir(other) / "data" / "node.card"
                # One dialler per pair, the earlier node in the list: as the partners of a real
                # network agree who has the open port.
                dial = order.index(name) < order.index(other)
                argv = [self.citynet, "peer", "add", str(card), "--network", ",".join(common),
                        "--config", str(self.config(name)), "--json"]
                argv += self.dial_args(other) if dial else ["--no-dial"]
                self.run(argv)
            path = self.config(name)
            text = path.read_text()
            text = text.replace("# catch_up_interval_s = 30", f"catch_up_interval_s = {CATCH_UP_S}")
            path.write_text(text)

    # ---- processes ---------------------------------------------------------------------------

    def log(self, name):
        return self.node_dir(name) / "citynetd.log"

    def log_tail(self, name, lines=15):
        try:
            return "\n".join(self.log(name).read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def start(self):
        for name, _ in NODES:
            with open(self.log(name), "ab") as log:
                # Its own session: Ctrl-C reaches this driver only, which stops the nodes in turn.
                self.procs[name] = subprocess.Popen(
                    self.daemon_argv(name), stdin=subprocess.DEVNULL,
                    stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            # For whoever must clean up after a driver that was killed (tests/deploy_demo_test.sh).
            (self.node_dir(name) / "citynetd.pid").write_text(f"{self.procs[name].pid}\n")
        deadline = time.monotonic() + 30
        waiting = [name for name, _ in NODES]
        while waiting:
            for name in list(waiting):
                proc = self.procs[name]
                if proc.poll() is not None:
                    raise DemoError(f"citynetd for {name} exited with {proc.returncode} at start "
                                    f"(log {self.log(name)}):\n{self.log_tail(name)}")
                if self.cli(name, "node", "status", "--json", check=False).returncode == 0:
                    waiting.remove(name)
            if waiting and time.monotonic() > deadline:
                raise DemoError(f"{', '.join(waiting)} did not answer on the control socket "
                                f"within 30 s; see {self.log(waiting[0])}")
            if waiting:
                time.sleep(0.2)

    def stop(self, report=True):
        """SIGTERM to every node, then waits; returns the names of those that did not stop
        cleanly (exit status other than 0, or killed after 15 s)."""
        unclean = []
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for name, proc in self.procs.items():
            try:
                code = proc.wait(timeout=15)
                how = "stopped" if code == 0 else f"exited with {code}"
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                how = "did not stop within 15 s after SIGTERM: killed"
            if how != "stopped":
                unclean.append(name)
            if report:
                self.say(f"  {name:<13} {how}")
        self.procs = {}
        return unclean

    # ---- records -----------------------------------------------------------------------------

    def cases(self, name):
        out = self.cli(name, "case", "list", "--all", "--json").stdout
        return json.loads(out)["records"]

    def seed(self):
        """(file, title, network) for every record the seed cases make."""
        seed = []
        for path in sorted(self.cases_dir.glob("*.json")):
            case = json.loads(path.read_text())
            for network in case["networks"]:
                seed.append((path, case["title"], network))
        return seed

    def publish(self):
        held = {(r.get("title"), r.get("network")) for r in self.cases(PUBLISHER)
                if r.get("author_name") == PUBLISHER}
        made = 0
        for path, title, network in self.seed():
            if (title, network) in held:
                continue
            self.cli(PUBLISHER, "case", "publish", str(path), "--network", network, "--json")
            made += 1
        return made, len(self.seed()) - made

    def expected(self):
        want = {name: set() for name, _ in NODES}
        for _, title, network in self.seed():
            for member in NETWORKS[network]:
                want[member].add((network, title))
        return want

    def holdings(self):
        return {name: [(r.get("network"), r.get("title")) for r in self.cases(name)]
                for name, _ in NODES}

    def unconnected(self):
        """'node -> partner' for every partner a node does not report connected."""
        missing = []
        for name, _ in NODES:
            status = json.loads(self.cli(name, "node", "status", "--json").stdout)
            for peer in status.get("peers", []):
                if not peer.get("connected", False):
                    missing.append(f"{name} -> {peer.get('name')}")
        return missing

    def converge(self):
        """Waits until every node is connected to each of its partners and holds exactly what
        its networks entitle it to."""
        want = self.expected()
        start = time.monotonic()
        while True:
            held = self.holdings()
            unconnected = self.unconnected()
            if not unconnected and all(sorted(held[n]) == sorted(want[n]) for n in want):
                return held, time.monotonic() - start, []
            if time.monotonic() - start > self.timeout:
                problems = [f"not connected: {link}" for link in unconnected]
                for n in want:
                    got = set(held[n])
                    for network, title in sorted(want[n] - got):
                        problems.append(f"{n} is missing {network}: {title}")
                    for network, title in sorted(got - want[n]):
                        problems.append(f"{n} holds {network}: {title}, which it must not")
                    if len(held[n]) != len(got):
                        problems.append(f"{n} holds {len(held[n]) - len(got)} duplicate records")
                return held, time.monotonic() - start, problems
            time.sleep(0.5)

    def datasets(self, name):
        return json.loads(self.cli(name, "dataset", "list", "--json").stdout)["datasets"]

    def dataset(self):
        """Publishes the survey once (the gate runs in copenhagen's daemon), fetches it at c40."""
        survey = self.dir / "copenhagen-survey.csv"
        if not survey.exists():
            maker = Path(__file__).resolve().parent.parent / "tests" / "data" / "make_citizens.py"
            rows = self.run([sys.executable, str(maker), str(SURVEY_ROWS), "2024"]).stdout
            survey.write_text(rows)
        mine = [d for d in self.datasets(PUBLISHER)
                if d.get("title") == DATASET_TITLE and d.get("network") == DATASET_NETWORK]
        published = not mine
        dry_run = ""
        if mine:
            dataset_id = mine[0]["id"]
        else:
            # As a city would: a dry run first, which shows each column's role, then the publish
            # with what the city decided. Heating and waste sorting are not known to anyone who
            # could single a neighbour out, so they are declared insensitive; every other column
            # the gate does not recognise stays a quasi-identifier.
            dry_run = self.cli(PUBLISHER, "dataset", "check", str(survey), *SURVEY_GATE_FLAGS,
                               "--rows", "3").stdout
            job = json.loads(self.cli(
                PUBLISHER, "dataset", "publish", str(survey), "--network", DATASET_NETWORK,
                "--title", DATASET_TITLE, "--licence", "CC-BY-4.0", "--spatial", "Copenhagen",
                "--country", "DK", "--description",
                "Invented citizens: commuting, heating and waste sorting by district",
                *SURVEY_GATE_FLAGS, "--json",
            ).stdout)
            dataset_id = job["record"]["id"]
        deadline = time.monotonic() + self.timeout
        while not any(d.get("id") == dataset_id for d in self.datasets(DATASET_FETCHER)):
            if time.monotonic() > deadline:
                raise DemoError(f"the dataset {dataset_id[:8]} did not reach {DATASET_FETCHER} "
                                f"within {self.timeout} s")
            time.sleep(0.5)
        self.cli(DATASET_FETCHER, "dataset", "fetch", dataset_id, "--wait", "--json",
                 timeout=self.timeout)
        shown = json.loads(self.cli(DATASET_FETCHER, "dataset", "show", dataset_id,
                                    "--json").stdout)
        outside = [name for name, _ in NODES if name not in NETWORKS[DATASET_NETWORK]]
        leaked = [name for name in outside
                  if any(d.get("id") == dataset_id for d in self.datasets(name))]
        copies = sum(1 for d in self.datasets(PUBLISHER) if d.get("title") == DATASET_TITLE)
        return {"id": dataset_id, "published": published, "shown": shown, "outside": outside,
                "leaked": leaked, "copies": copies, "survey": survey, "dry_run": dry_run}

    def dataset_text(self, ds):
        p = ds["shown"].get("privacy", {})

        def names(key):
            return ", ".join(a.get("column", "?") if isinstance(a, dict) else str(a)
                             for a in p.get(key, [])) or "none"
        body = ds["shown"].get("body", {})
        dry_run = []
        if ds.get("dry_run"):
            dry_run = ["  the dry run first (citynet dataset check FILE " +
                       " ".join(SURVEY_GATE_FLAGS) + " --rows 3), which signs nothing:"]
            dry_run += ["    " + line for line in ds["dry_run"].rstrip().splitlines()]
        return "\n".join(dry_run + [
            f"  {'published' if ds['published'] else 'already published'} by copenhagen to "
            f"{DATASET_NETWORK}: \"{DATASET_TITLE}\" ({ds['id'][:8]}), from {ds['survey']}",
            f"  the privacy gate in copenhagen's daemon dropped: {names('dropped_columns')}",
            f"  generalised: {names('generalised_columns')}",
            f"  k-anonymity: k = {p.get('k_reached')} reached ({p.get('k_required')} required); "
            f"{p.get('rows_in')} rows read, {p.get('rows_suppressed')} suppressed",
            f"  {DATASET_FETCHER} fetched the body ({body.get('state', '?')}), checked again on "
            f"arrival; not a member of {DATASET_NETWORK}, {' and '.join(ds['outside'])} "
            f"{'holds' if len(ds['outside']) == 1 else 'hold'} no trace of it",
        ])

    def table(self, held):
        nets = list(NETWORKS)
        widths = [13] + [max(len(n), 5) for n in nets]
        head = "  " + "node".ljust(widths[0]) + "  ".join(
            n.rjust(w) for n, w in zip(nets, widths[1:])) + "  total"
        lines = [head]
        for name, _ in NODES:
            cells = []
            for n, w in zip(nets, widths[1:]):
                count = sum(1 for network, _ in held[name] if network == n)
                cells.append((str(count) if name in NETWORKS[n] else "-").rjust(w))
            lines.append("  " + name.ljust(widths[0]) + "  ".join(cells) +
                         f"  {len(held[name]):>5}")
        return "\n".join(lines)

    def one_node(self, held, name):
        lines = [f"  {name} holds:"]
        for network, title in sorted(held[name]):
            lines.append(f"    {network:<17} {title}")
        outside = [n for n in NETWORKS if name not in NETWORKS[n]]
        counts = {n: sum(1 for _, _, net in self.seed() if net == n) for n in outside}
        lines.append("  and none of the " + " or ".join(
            f"{counts[n]} {n} cases" for n in outside) + ": it is not a member.")
        return "\n".join(lines)


def interactive(mesh, args):
    mesh.say(f"citynet demo mesh: five nodes on 127.0.0.1, data under {mesh.dir}")
    mesh.pick_ports(args.base_port)
    mesh.configure()
    try:
        mesh.start()
        mesh.say(f"  all five nodes are up (logs: {mesh.dir}/NODE/citynetd.log)")
        made, kept = mesh.publish()
        mesh.say(f"\ncopenhagen published {made} case records"
                 + (f" ({kept} already published on an earlier run)" if kept else "")
                 + f" from {mesh.cases_dir}; waiting for replication (at most {args.timeout} s)")
        held, took, problems = mesh.converge()
        if problems:
            mesh.say("\nReplication did not converge:\n  " + "\n  ".join(problems))
        else:
            mesh.say(f"every node connected to its partners and converged in {took:.1f} s. "
                     "Cases per node and network ('-': not a member):\n")
        mesh.say(mesh.table(held))
        mesh.say("\nNetworks are private: a node outside a network holds none of its cases.")
        mesh.say(mesh.one_node(held, "beijing"))
        cli = mesh.citynet
        if not os.path.relpath(cli).startswith(".."):
            cli = "./" + os.path.relpath(cli)
        mesh.say("\nAn anonymised dataset (a synthetic survey with names, CPR numbers, e-mails):")
        dataset_hint = ""
        try:
            ds = mesh.dataset()
            mesh.say(mesh.dataset_text(ds))
            dataset_hint = (f"  {cli} dataset show {ds['id'][:8]} "
                            f"--control {mesh.control(DATASET_FETCHER)}\n")
        except DemoError as e:
            mesh.say(f"  not shown: {e}")
        mesh.say(f"""
Try (in another terminal, from {os.getcwd()}):
  export CITYNET_CONTROL={mesh.control('beijing')}
  {cli} node status                 # beijing: identity, networks, peers
  {cli} case list                   # what beijing holds
  {cli} case search wastewater      # full-text search
  {cli} case list --control {mesh.control('eurocities')}   # eurocities: no c40 case
{dataset_hint}  {cli} node status --control {mesh.control('copenhagen')}
Logs: {mesh.dir}/NODE/citynetd.log. The data is kept for the next run.

The five nodes run until Ctrl-C.""")
        while True:
            for name, proc in mesh.procs.items():
                if proc.poll() is not None:
                    raise DemoError(f"citynetd for {name} exited with {proc.returncode}:\n"
                                    f"{mesh.log_tail(name)}")
            time.sleep(1)
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        mesh.say("\nStopping the nodes (SIGTERM):")
        mesh.stop()
        mesh.say("All stopped. Run ./deploy/demo.sh again to start them on the same data.")
        return 0
    except DemoError as e:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        print(f"demo: {e}", file=sys.stderr)
        mesh.stop()
        return 1


def check(mesh, args):
    ok = True
    for round_no in (1, 2):
        mesh.pick_ports(0)
        try:
            mesh.configure()
            mesh.start()
            made, kept = mesh.publish()
            seed = len(mesh.seed())
            want_made = seed if round_no == 1 else 0
            if made != want_made:
                mesh.say(f"FAIL run {round_no}: published {made} records, expected {want_made}")
                ok = False
            held, took, problems = mesh.converge()
            mesh.say(f"run {round_no}: published {made}, kept {kept}, converged "
                     f"{'in' if not problems else 'NOT within'} {took:.1f} s")
            mesh.say(mesh.table(held))
            for p in problems:
                mesh.say(f"FAIL run {round_no}: {p}")
                ok = False
            ds = mesh.dataset()
            mesh.say(mesh.dataset_text(ds))
            if ds["published"] != (round_no == 1) or ds["copies"] != 1:
                mesh.say(f"FAIL run {round_no}: dataset published {ds['published']}, "
                         f"{ds['copies']} copies at copenhagen")
                ok = False
            if ds["leaked"]:
                mesh.say(f"FAIL run {round_no}: {', '.join(ds['leaked'])} hold the dataset")
                ok = False
            if ds["shown"].get("body", {}).get("state") != "complete":
                mesh.say(f"FAIL run {round_no}: the body at {DATASET_FETCHER} is not complete")
                ok = False
        except DemoError as e:
            mesh.say(f"FAIL run {round_no}: {e}")
            ok = False
        except (KeyError, ValueError) as e:  # an answer not in the shape expected
            mesh.say(f"FAIL run {round_no}: {type(e).__name__}: {e}")
            ok = False
        finally:
            for name in mesh.stop():
                mesh.say(f"FAIL run {round_no}: {name} did not stop cleanly on SIGTERM")
                ok = False
        if not ok:
            break
    mesh.say("demo check " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


def main():
    repo = Path(__file__).resolve().parent.parent
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--build-dir", default=str(repo / "build" / "release"),
                   help="the build with tools/citynet and node/citynetd (default build/release)")
    p.add_argument("--dir", default=os.environ.get("CITYNET_DEMO_DIR", str(repo / "demo-mesh")),
                   help="the demo directory, one subdirectory per node (default ./demo-mesh)")
    p.add_argument("--cases", default=str(repo / "deploy" / "demo" / "cases"),
                   help="the seed case studies Copenhagen publishes")
    p.add_argument("--base-port", type=int,
                   default=int(os.environ.get("CITYNET_DEMO_PORT", DEFAULT_BASE_PORT)),
                   help="the first of five ports on 127.0.0.1 (default 7401; 0: any free ports)")
    p.add_argument("--timeout", type=int, default=60,
                   help="seconds to wait for replication to converge (default 60)")
    p.add_argument("--check", action="store_true",
                   help="non-interactive: free ports, two runs on the same data, then stop")
    args = p.parse_args()
    if not 0 <= args.base_port <= 65530:
        p.error("--base-port takes 0 or a port up to 65530")
    # SIGTERM (a test's timeout, say) unwinds like Ctrl-C, so the nodes are stopped too.
    signal.signal(signal.SIGTERM, interrupt)
    mesh = Mesh(args)
    for binary in (mesh.citynet, mesh.citynetd):
        if not os.access(binary, os.X_OK):
            print(f"demo: {binary} is missing: build first (or give --build-dir)", file=sys.stderr)
            return 2
    try:
        return check(mesh, args) if args.check else interactive(mesh, args)
    except DemoError as e:
        print(f"demo: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        mesh.stop(report=False)


if __name__ == "__main__":
    sys.exit(main())
