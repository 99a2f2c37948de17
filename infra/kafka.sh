#!/usr/bin/env bash
# Runs a real single-node Apache Kafka broker (KRaft, combined broker+controller)
# on 127.0.0.1 without Docker: the broker's jars come from Maven Central.
#
#   bash infra/kafka.sh [start|stop|status|restart]     (default: start)
#
# Env:
#   KAFKA_PORT             client listener port             (default 9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller port            (default 9093)
#   KAFKA_VERSION          org.apache.kafka:kafka_2.13       (default below)
#   KAFKA_HEAP_OPTS        JVM heap                          (default -Xmx512m -Xms128m)
#   KAFKA_START_TIMEOUT    seconds to wait for the broker    (default 60)
#   HOTLINE_INFRA_CACHE    jar cache  (default $HOME/.cache/hotline-hub)
#   HOTLINE_INFRA_DATA     data, config, pid and log files (default $HOME/.cache/hotline-hub/data)
set -euo pipefail

KAFKA_VERSION="${KAFKA_VERSION:-4.3.1}"
LOG4J_VERSION="2.24.3"
DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx512m -Xms128m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
CACHE_ROOT="${HOTLINE_INFRA_CACHE:-$HOME/.cache/hotline-hub}"
DATA_ROOT="${HOTLINE_INFRA_DATA:-$HOME/.cache/hotline-hub/data}"

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST_DIR="$CACHE_ROOT/kafka-$KAFKA_VERSION"
LIBS_DIR="$DIST_DIR/libs"
KAFKA_DIR="$DATA_ROOT/kafka"
LOG_DIRS="$KAFKA_DIR/data"
CONFIG_FILE="$KAFKA_DIR/server.properties"
LOG4J_SERVER="$KAFKA_DIR/log4j2-server.properties"
LOG4J_TOOLS="$KAFKA_DIR/log4j2-tools.properties"
PID_FILE="$KAFKA_DIR/kafka.pid"
LOG_FILE="$KAFKA_DIR/kafka.log"
CLUSTER_ID_FILE="$KAFKA_DIR/cluster.id"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

say() { echo "[kafka] $*"; }
die() { echo "[kafka] ERROR: $*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Directory from which node can resolve kafkajs, if any (fast probe, no JVM start-up).
kafkajs_dir() {
  local d
  command -v node >/dev/null 2>&1 || return 1
  for d in "$REPO_ROOT/libs/bus" "$REPO_ROOT"; do
    [[ -d "$d" ]] || continue
    if (cd "$d" && node -e "require.resolve('kafkajs')" >/dev/null 2>&1); then echo "$d"; return 0; fi
  done
  return 1
}

# True when a Kafka broker answers a metadata request on $BOOTSTRAP.
broker_answers() {
  port_open "$KAFKA_PORT" || return 1
  local dir
  if dir="$(kafkajs_dir)"; then
    (cd "$dir" && timeout 15 node -e '
      const { Kafka, logLevel } = require("kafkajs");
      const kafka = new Kafka({ clientId: "hotline-infra-probe", brokers: [process.argv[1]],
        logLevel: logLevel.NOTHING, connectionTimeout: 2000, requestTimeout: 5000, retry: { retries: 0 } });
      const admin = kafka.admin();
      admin.connect().then(() => admin.listTopics()).then(() => admin.disconnect())
        .then(() => process.exit(0), () => process.exit(1));
    ' "$BOOTSTRAP") >/dev/null 2>&1
  elif [[ -f "$LIBS_DIR/.complete" ]]; then
    write_log4j_configs
    timeout 30 "$JAVA" -Xmx256m -Dlog4j2.configurationFile="$LOG4J_TOOLS" -cp "$LIBS_DIR/*" \
      org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --list >/dev/null 2>&1
  else
    return 1
  fi
}

jar_count() { local jars=("$LIBS_DIR"/*.jar); echo "${#jars[@]}"; }

pid_alive() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid; pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && grep -q 'kafka.Kafka' "/proc/$pid/cmdline" 2>/dev/null
}

# During start-up: the pid written by the starting process is alive (its cmdline may be
# the launcher's for a moment before exec).
start_alive() {
  local pid; pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
}

check_java() {
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found (Java 17+ is needed; set JAVA_HOME or install openjdk-17-jre-headless)"
  local major
  major="$("$JAVA" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }')"
  [[ "${major:-0}" -ge 17 ]] || die "Java $major found; Kafka $KAFKA_VERSION needs Java 17+"
}

# Fetches kafka_2.13 + kafka-tools + a log4j2 binding into $LIBS_DIR (once).
fetch_jars() {
  if [[ -f "$LIBS_DIR/.complete" ]]; then
    say "jars cached in $LIBS_DIR ($(jar_count) jars)"
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found (Maven is needed to fetch the Kafka jars from Maven Central)"
  mkdir -p "$DIST_DIR"
  local t0; t0="$(now)"
  say "fetching Kafka $KAFKA_VERSION jars from Maven Central into $LIBS_DIR ..."
  cat >"$DIST_DIR/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>hotline-hub.infra</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>$KAFKA_VERSION</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$KAFKA_VERSION</version>
      <!-- TopicCommand needs none of Kafka Connect's REST stack -->
      <exclusions>
        <exclusion><groupId>org.apache.kafka</groupId><artifactId>connect-runtime</artifactId></exclusion>
        <exclusion><groupId>org.apache.kafka</groupId><artifactId>connect-api</artifactId></exclusion>
        <exclusion><groupId>org.apache.kafka</groupId><artifactId>connect-json</artifactId></exclusion>
        <exclusion><groupId>org.apache.kafka</groupId><artifactId>connect-transforms</artifactId></exclusion>
      </exclusions>
    </dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>$LOG4J_VERSION</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>$LOG4J_VERSION</version></dependency>
  </dependencies>
</project>
EOF
  rm -rf "$LIBS_DIR.partial"
  if ! mvn -B -q -f "$DIST_DIR/pom.xml" "$DEPENDENCY_PLUGIN:copy-dependencies" \
      -DincludeScope=runtime -DoutputDirectory="$LIBS_DIR.partial" >"$DIST_DIR/mvn.log" 2>&1; then
    tail -n 30 "$DIST_DIR/mvn.log" >&2
    die "mvn dependency:copy-dependencies failed (full log: $DIST_DIR/mvn.log)"
  fi
  rm -rf "$LIBS_DIR"
  mv "$LIBS_DIR.partial" "$LIBS_DIR"
  touch "$LIBS_DIR/.complete"
  say "fetched $(jar_count) jars in $(elapsed "$t0") s"
}

write_log4j_configs() {
  mkdir -p "$KAFKA_DIR"
  cat >"$LOG4J_SERVER" <<'EOF'
status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = OUT
logger.state.name = state.change.logger
logger.state.level = WARN
logger.request.name = kafka.request.logger
logger.request.level = WARN
EOF
  cat >"$LOG4J_TOOLS" <<'EOF'
status = warn
appender.err.type = Console
appender.err.name = ERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.err.ref = ERR
EOF
}

write_server_properties() {
  local quorum
  if [[ "${KAFKA_VERSION%%.*}" -ge 4 ]]; then
    quorum="controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT"
  else
    quorum="controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT"
  fi
  mkdir -p "$KAFKA_DIR" "$LOG_DIRS"
  cat >"$CONFIG_FILE" <<EOF
# Written by infra/kafka.sh — single combined broker+controller (KRaft) on 127.0.0.1.
process.roles=broker,controller
node.id=1
$quorum
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$LOG_DIRS
auto.create.topics.enable=true
num.partitions=3
default.replication.factor=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
EOF
}

# A Kafka cluster id: 16 random bytes, URL-safe base64 without padding (what
# `StorageTool random-uuid` prints), minus one JVM start. Never starts with '-'.
new_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    [[ "$id" != -* ]] && { echo "$id"; return 0; }
  done
}

# Formats the KRaft storage directory once.
format_storage() {
  if [[ -f "$LOG_DIRS/meta.properties" ]]; then return 0; fi
  local cp=("$JAVA" -Xmx256m -Dlog4j2.configurationFile="$LOG4J_TOOLS" -cp "$LIBS_DIR/*")
  [[ -s "$CLUSTER_ID_FILE" ]] || new_cluster_id >"$CLUSTER_ID_FILE"
  local args=(format --config "$CONFIG_FILE" --cluster-id "$(cat "$CLUSTER_ID_FILE")" --ignore-formatted)
  [[ "${KAFKA_VERSION%%.*}" -ge 4 ]] && args+=(--standalone)
  say "formatting KRaft storage in $LOG_DIRS"
  "${cp[@]}" kafka.tools.StorageTool "${args[@]}" >>"$LOG_FILE" 2>&1 \
    || { tail -n 20 "$LOG_FILE" >&2; die "kafka.tools.StorageTool format failed"; }
}

wait_until_ready() {
  local t0="$1" deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! start_alive; then
      echo "----- $LOG_FILE since this start -----" >&2; tail -c +"${LOG_START:-1}" "$LOG_FILE" | tail -n 40 >&2
      die "the broker process $(cat "$PID_FILE" 2>/dev/null) exited during start-up"
    fi
    if broker_answers; then
      say "broker answers on $BOOTSTRAP (pid $(cat "$PID_FILE"), started in $(elapsed "$t0") s)"
      return 0
    fi
    sleep 0.5
  done
  echo "----- $LOG_FILE since this start -----" >&2; tail -c +"${LOG_START:-1}" "$LOG_FILE" | tail -n 40 >&2
  cmd_stop >&2
  die "the broker did not answer on $BOOTSTRAP within ${KAFKA_START_TIMEOUT} s; stopped it (log $LOG_FILE)"
}

cmd_start() {
  local t0; t0="$(now)"
  mkdir -p "$CACHE_ROOT" "$KAFKA_DIR"
  # One start at a time; the broker itself must not inherit this lock (9>&- below).
  exec 9>"$KAFKA_DIR/.lock"
  if ! flock -n 9; then
    say "another infra/kafka.sh start is running; waiting for it"
    flock -w 300 9 || die "another infra/kafka.sh still holds $KAFKA_DIR/.lock after 300 s"
  fi

  if broker_answers; then
    say "a Kafka broker already answers on $BOOTSTRAP; nothing to do"
    return 0
  fi
  if pid_alive; then
    say "broker process $(cat "$PID_FILE") is still starting; waiting"
    wait_until_ready "$t0"
    return 0
  fi
  port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is in use by something that is not an answering Kafka broker"
  port_open "$KAFKA_CONTROLLER_PORT" && die "controller port $KAFKA_CONTROLLER_PORT is already in use (set KAFKA_CONTROLLER_PORT)"

  check_java
  fetch_jars
  write_log4j_configs
  write_server_properties
  format_storage

  # Keep one previous log once it grows past ~20 MB.
  if [[ -f "$LOG_FILE" && "$(stat -c %s "$LOG_FILE")" -gt 20000000 ]]; then mv -f "$LOG_FILE" "$LOG_FILE.1"; fi
  local t1; t1="$(now)"
  LOG_START=$(( $(stat -c %s "$LOG_FILE" 2>/dev/null || echo 0) + 1 ))
  say "starting Kafka $KAFKA_VERSION on $BOOTSTRAP (log $LOG_FILE)"
  rm -f "$PID_FILE"
  # The process that becomes the JVM writes its own pid: `$!` would name setsid's parent
  # whenever setsid has to fork (job control on), and right after the fork its cmdline is
  # still this script's, so neither can be trusted as "the broker".
  # shellcheck disable=SC2086,SC2016
  setsid nohup bash -c 'echo $$ >"$1"; shift; exec "$@"' kafka-start "$PID_FILE" \
    "$JAVA" $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$LOG4J_SERVER" -cp "$LIBS_DIR/*" kafka.Kafka "$CONFIG_FILE" \
    >>"$LOG_FILE" 2>&1 </dev/null 9>&- &
  local i
  for ((i = 0; i < 100; i++)); do [[ -s "$PID_FILE" ]] && break; sleep 0.1; done
  [[ -s "$PID_FILE" ]] || die "the broker process did not start (no pid in $PID_FILE after 10 s)"
  wait_until_ready "$t1"
  say "total $(elapsed "$t0") s"
}

cmd_stop() {
  if ! pid_alive; then
    rm -f "$PID_FILE"
    if port_open "$KAFKA_PORT"; then
      say "no broker started by this script (no live pid in $PID_FILE), but port $KAFKA_PORT is in use; leaving it alone"
    else
      say "not running"
    fi
    return 0
  fi
  local pid; pid="$(cat "$PID_FILE")"
  say "stopping broker pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; say "stopped"; return 0; }
    sleep 0.5
  done
  say "pid $pid did not exit after 30 s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
}

cmd_status() {
  if broker_answers; then
    local who="not started by this script"
    pid_alive && who="pid $(cat "$PID_FILE")"
    say "running: broker answers on $BOOTSTRAP ($who)"
    return 0
  fi
  if pid_alive; then say "process $(cat "$PID_FILE") is alive but the broker does not answer on $BOOTSTRAP"; else say "not running"; fi
  return 1
}

case "${1:-start}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  restart) cmd_stop; cmd_start ;;
  *) echo "usage: $0 [start|stop|status|restart]" >&2; exit 2 ;;
esac
