export const HELP = `cch — connected-car harness: five TM Forum parties, their documented flows, and a verdict.

Usage:
  cch up  [--port P] [--party-ports F] [--host H] [--public-host NAME] [--data DIR] [--no-dashboard] [--in-process]
          Start the whole ecosystem (csp, car-manufacturer, content-provider, call-center, driver), each
          its own process, Express app and port with lowdb files under DIR (default data/), behind the
          harness on port P (default 8080); --in-process runs them all in the harness's process. With
          --port, the parties listen on P+1 … P+5 in that order; with --party-ports, on F … F+4; otherwise
          on free ports. Parties named in CCH_ACTORS (csp=http://…,driver=http://…) are bound by URL, not
          started. Prints every URL and, per party, the base URL (through the wire) of each TMF API it
          serves and a line "tester key: <bearer>" that opens all of them: point any TMF test tool at it.
          Ctrl-C stops it cleanly. The harness listens on H (default 127.0.0.1; 0.0.0.0 for other hosts)
          and names itself NAME in every wire URL. Every exchange goes to DIR/trace.ndjson once it leaves
          memory (the latest 10,000 stay for the dashboard), and the rest when it stops: see cch trace.
  cch up  --only ACTOR --port P [--host H] [--peer ACTOR=URL ...] [--data DIR]
          Start one party alone on port P, listening on H (default 127.0.0.1), e.g. to be bound by URL
          from another harness, or tested with a TMF tool: it prints the base URL of each API it serves
          and its tester key.
  cch run [--profile NAME] [--tags EXPR] [--report-dir DIR] [--features PATH ...]
          Start a fresh ecosystem, run the Gherkin features (all, or those of a profile of cucumber.mjs:
          figure7 … figure11, smoke; or those matching the tag expression, e.g. "@figure7"), write the
          reports to DIR (default reports/latest): cucumber.html,
          cucumber.json, junit.xml, trace.json, flows.json, sequence/*.html|.mmd, index.html.
          --features (repeatable) runs these feature files or folders instead of features/.
          Exits non-zero when a scenario fails, its flow verdict included.
  cch conformance --actor ACTOR=URL [--actor ...] [--config FILE] [--spec-dir DIR] [--timeout-ms N]
          [--latency-budget-ms N] [--report-dir DIR] [--harness-port P] [--host H] [--public-host NAME]
          [--figure N[,N …]]
          Judge partners' implementations bound by URL (any party, one or several), every other party
          simulated. Prints (and writes to DIR/peers.json) the wire URLs the partner must use for its
          peers, checks its control contract (GET /control/openapi.json: full flows, else provider-only
          checks), exercises the TMF APIs it provides, runs the scenarios of the figures it takes part
          in (or of those named with --figure, e.g. --figure 7,9: the rest are "not exercised"), and writes DIR (default reports/conformance)/conformance.html, .json and .junit.xml: party
          x API x operation x flow step -> pass / fail / not exercised. Exits 1 on any failure.
          An answer slower than the latency budget (default 1000 ms) is a finding naming the operation
          and its time; one slower than the time-out is another.
          A partner on another host needs --host 0.0.0.0 and a --public-host it can reach.
          FILE is JSON: {"actors": {"csp": "http://..."}, "specDir", "timeoutMs", "latencyBudgetMs", "reportDir", "harnessPort",
          "host", "publicHost", "figures": [7, 9]}.
  cch fleet --cars N --month YYYY-MM [--actor csp=URL] [--cars-per-batch B] [--concurrency C] [--report-dir DIR]
          [--fleet-file FILE] [--onboard-only]
          Load a CSP with a fleet's month: the OEM onboards N cars through figures 7–8 (each car sold,
          its 5 GB service ordered at the CSP), every car sends 30 usage records for the month through
          the CSP's usage batch extension (B cars a batch, default 100; C batches in flight, default 2),
          then the CSP runs the month's bills. Shows a progress bar, records/s and batch latency
          (p50/p95/p99), then reconciles the CSP's books through its TMF APIs: every record sent rated
          exactly once, its payers' shares adding up to its chargeable MB at its tariff, each bill equal
          to the sum of its items. Exits 1 when it does not reconcile. With --actor csp=URL the CSP is a
          partner's (it must serve the usage batch extension and the control contract); the other
          parties are simulated. The simulated CSP runs in a process of its own, on a file store in
          DIR/csp-data (afresh each time). The wire's record goes to DIR (default reports/fleet)/trace.ndjson.
          --fleet-file writes the onboarded fleet (month, each car's VIN and subscription) to FILE;
          with --onboard-only the fleet is only onboarded, for a load generator to send its usage
          (load/artillery/fleet.yml, see the README).
  cch trace --file FILE [--out OUT]
          Print the wire's trace (DIR/trace.ndjson of \`cch up\` or \`cch fleet\`) with every body in place, one
          exchange a line, to OUT or stdout. The trace writes a body the wire recorded as an earlier exchange's
          very bytes (a list polled again and again) once: later lines say "sameBodyAs": <seq> instead.
  cch --help

Environment:
  CCH_SECRET     shared secret from which bootstrap credentials derive (default for \`cch up\`: a random one kept in
                 the data folder; for \`--only\`, \`run\` and \`conformance\`: a fixed dev secret, warned about off loopback)
  CCH_ACTORS     remote bindings for \`cch run\` and \`cch conformance\`, e.g. "csp=http://127.0.0.1:9001"
  CCH_TIMEOUT_MS how long the wire waits for a party (conformance default 10000)
  CCH_LATENCY_BUDGET_MS  how long a partner may take before conformance calls it slow (default 1000)
  CCH_HARNESS_PORT  the harness's port for \`cch run\` / \`cch conformance\` (default: a free one)
  CCH_HARNESS_HOST, CCH_HARNESS_PUBLIC_HOST  the harness's listening address and advertised name
  CCH_CONFORMANCE_DIR  report folder of \`cch conformance\`
  TMF_SPECS_DIR  folder of the official TM Forum specification files (tests use it as a second opinion)
`;
