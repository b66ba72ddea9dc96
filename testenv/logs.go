package main

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
)

const (
	bootLines    = 40                     // written in a burst when a container starts
	bootSpacing  = 7 * time.Millisecond   // between boot lines
	linePeriod   = 400 * time.Millisecond // steady rate afterwards; what `logs -f` sees
	keptLines    = 2000                   // older lines count as rotated away
	previousRuns = 60                     // lines a terminated previous instance left behind
)

// logStream is the deterministic output of one container instance: line i has a fixed
// text and a fixed time relative to the instance's start.
type logStream struct {
	seed    uint64
	profile string
	start   time.Time
	count   int // lines in a finished stream
}

func newLogStream(pod *corev1.Pod, container string, instance int, start time.Time) *logStream {
	return &logStream{
		seed:    hash64(fmt.Sprintf("%s/%s/%s/%d", pod.Namespace, pod.Name, container, instance)),
		profile: profileFor(pod, container),
		start:   start,
	}
}

// at is when line i was written; sub-millisecond jitter makes timestamps look like a runtime's.
func (s *logStream) at(i int) time.Time {
	jitter := time.Duration(rng(s.seed^uint64(i)) % uint64(time.Millisecond))
	if i < bootLines {
		return s.start.Add(time.Duration(i)*bootSpacing + jitter)
	}
	return s.start.Add(bootLines*bootSpacing + time.Duration(i-bootLines+1)*linePeriod + jitter)
}

// available is how many lines exist at time now.
func (s *logStream) available(now time.Time) int {
	if s.count > 0 {
		return s.count
	}
	d := now.Sub(s.start)
	if d < 0 {
		return 0
	}
	if d < bootLines*bootSpacing {
		return int(d/bootSpacing) + 1
	}
	return bootLines + int((d-bootLines*bootSpacing)/linePeriod)
}

type logOptions struct {
	follow, timestamps, previous bool
	tail                         int // -1: all
	since                        time.Time
	limitBytes                   int64 // 0: unlimited
}

func parseLogOptions(r *http.Request) (logOptions, error) {
	q := r.URL.Query()
	o := logOptions{tail: -1}
	o.follow = q.Get("follow") == "true"
	o.timestamps = q.Get("timestamps") == "true"
	o.previous = q.Get("previous") == "true"
	if v := q.Get("tailLines"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return o, fmt.Errorf("invalid tailLines %q", v)
		}
		o.tail = n
	}
	if v := q.Get("sinceSeconds"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return o, fmt.Errorf("invalid sinceSeconds %q", v)
		}
		o.since = time.Now().Add(-time.Duration(n) * time.Second)
	}
	if v := q.Get("sinceTime"); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return o, fmt.Errorf("invalid sinceTime %q", v)
		}
		o.since = t
	}
	if v := q.Get("limitBytes"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			return o, fmt.Errorf("invalid limitBytes %q", v)
		}
		o.limitBytes = n
	}
	return o, nil
}

// serveLogs answers GET /containerLogs/{ns}/{pod}/{container} like the kubelet does.
func (k *kubelet) serveLogs(w http.ResponseWriter, r *http.Request) {
	opts, err := parseLogOptions(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	ns, podName, name := r.PathValue("ns"), r.PathValue("pod"), r.PathValue("container")
	pod, _, status, code, msg := k.container(ns, podName, name)
	if code != 0 {
		http.Error(w, msg, code)
		return
	}
	var stream *logStream
	switch {
	case opts.previous:
		t := status.LastTerminationState.Terminated
		if t == nil {
			http.Error(w, fmt.Sprintf("previous terminated container %q in pod %q not found", name, podName), http.StatusBadRequest)
			return
		}
		stream = newLogStream(pod, name, int(status.RestartCount)-1, t.FinishedAt.Add(-time.Duration(previousRuns)*linePeriod))
		stream.count, opts.follow = previousRuns, false
	case status.State.Running != nil:
		stream = newLogStream(pod, name, int(status.RestartCount), status.State.Running.StartedAt.Time)
	case status.State.Terminated != nil:
		stream = newLogStream(pod, name, int(status.RestartCount), status.State.Terminated.StartedAt.Time)
		stream.count, opts.follow = bootLines, false
	default:
		http.Error(w, fmt.Sprintf("container %q in pod %q is waiting to start: ContainerCreating", name, podName), http.StatusBadRequest)
		return
	}

	w.Header().Set("Content-Type", "text/plain")
	w.Header().Set("Cache-Control", "no-cache, private")
	flusher, _ := w.(http.Flusher)
	var written int64
	// emit writes one line; false once limitBytes is reached or the client went away.
	emit := func(i int) bool {
		line := stream.text(i)
		if opts.timestamps {
			line = stream.at(i).UTC().Format(time.RFC3339Nano) + " " + line
		}
		line += "\n"
		if opts.limitBytes > 0 && written+int64(len(line)) > opts.limitBytes {
			line = line[:opts.limitBytes-written]
		}
		n, err := w.Write([]byte(line))
		written += int64(n)
		return err == nil && (opts.limitBytes == 0 || written < opts.limitBytes)
	}

	n := stream.available(time.Now())
	first := max(0, n-keptLines)
	if opts.tail >= 0 {
		first = max(first, n-opts.tail)
	}
	for first < n && !opts.since.IsZero() && stream.at(first).Before(opts.since) {
		first++
	}
	for i := first; i < n; i++ {
		if !emit(i) {
			return
		}
	}
	if !opts.follow {
		return
	}
	if flusher != nil {
		flusher.Flush()
	}
	for i := n; ; i++ {
		select {
		case <-r.Context().Done():
			return
		case <-time.After(time.Until(stream.at(i))):
		}
		// Stop following once the pod is gone or replaced, as the kubelet does.
		if p, err := k.pods.Pods(ns).Get(podName); err != nil || p.UID != pod.UID {
			return
		}
		if !emit(i) {
			return
		}
		if flusher != nil {
			flusher.Flush()
		}
	}
}

// profileFor picks the kind of log a container writes from its name and image.
func profileFor(pod *corev1.Pod, container string) string {
	image := ""
	for _, c := range pod.Spec.Containers {
		if c.Name == container {
			image = c.Image
		}
	}
	s := strings.ToLower(container + " " + image)
	switch {
	case strings.Contains(s, "sidecar") || strings.Contains(s, "proxy") || strings.Contains(s, "envoy"):
		return "ansi"
	case strings.Contains(s, "api") || strings.Contains(s, "worker") || strings.Contains(s, "job"):
		return "json"
	default:
		return "access"
	}
}

var (
	paths     = []string{"/", "/healthz", "/api/orders", "/api/orders/4711", "/static/app.js", "/static/style.css", "/search?q=caf%C3%A9", "/produkte/über-uns", "/ja/注文", "/favicon.ico"}
	methods   = []string{"GET", "GET", "GET", "POST", "GET", "PUT", "GET", "DELETE"}
	statuses  = []int{200, 200, 200, 200, 201, 204, 301, 304, 404, 500}
	agents    = []string{"Mozilla/5.0 (X11; Linux x86_64)", "curl/8.5.0", "kube-probe/1.35", "Go-http-client/1.1", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)"}
	messages  = []string{"request completed", "cache miss, fetching from origin", "order processed", "Bestellung für „Müller“ verarbeitet", "注文を処理しました", "payment authorised ✅", "retrying upstream call", "connection pool resized", "slow query detected", "user signed in"}
	levels    = []string{"info", "info", "info", "debug", "info", "warn", "info", "error"}
	upstreams = []string{"orders.team-a.svc:8080", "sessions.team-a.svc:6379", "catalog.team-b.svc:3306", "auth.svc:443"}
)

const (
	ansiReset  = "\x1b[0m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiRed    = "\x1b[31m"
	ansiCyan   = "\x1b[36m"
	ansiBold   = "\x1b[1m"
)

// text is line i of the stream; boot lines first, then the profile's steady output.
func (s *logStream) text(i int) string {
	r := rng(s.seed + uint64(i)*0x9e3779b97f4a7c15)
	t := s.at(i).UTC()
	if s.count > 0 && i == s.count-1 {
		return "panic: dial tcp 10.0.0.53:5432: connect: connection refused"
	}
	if i < bootLines {
		return s.bootLine(i, t)
	}
	switch s.profile {
	case "json":
		lvl := pick(r, levels)
		return fmt.Sprintf(`{"level":%q,"ts":%q,"msg":%q,"request_id":"%016x","duration_ms":%d,"line":%d}`,
			lvl, t.Format(time.RFC3339Nano), pick(r>>8, messages), r, 1+(r>>20)%900, i)
	case "ansi":
		lvl, colour := "INFO", ansiGreen
		switch r % 10 {
		case 7, 8:
			lvl, colour = "WARN", ansiYellow
		case 9:
			lvl, colour = "ERROR", ansiRed
		}
		return fmt.Sprintf("%s%s%s%s %s%s%s upstream=%s latency=%dms %s",
			ansiBold, colour, lvl, ansiReset, ansiCyan, t.Format("15:04:05.000"), ansiReset,
			pick(r>>8, upstreams), 1+(r>>16)%250, pick(r>>24, messages))
	default:
		return fmt.Sprintf(`10.244.0.%d - - [%s] "%s %s HTTP/1.1" %d %d "-" %q`,
			2+r%200, t.Format("02/Jan/2006:15:04:05 -0700"), pick(r>>8, methods), pick(r>>16, paths),
			pick(r>>24, statuses), 64+(r>>32)%20000, pick(r>>40, agents))
	}
}

func (s *logStream) bootLine(i int, t time.Time) string {
	switch i {
	case 0:
		return "Starting service (pid 1) — build 2026.11.3, go1.25"
	case 1:
		return "Loading configuration from /etc/app/config.yaml"
	case bootLines - 1:
		return "Ready: listening on 0.0.0.0:8080 🚀"
	}
	switch s.profile {
	case "json":
		return fmt.Sprintf(`{"level":"info","ts":%q,"msg":"init step","step":%d,"component":"bootstrap"}`, t.Format(time.RFC3339Nano), i)
	case "ansi":
		return fmt.Sprintf("%sINFO%s bootstrap step %d/%d", ansiGreen, ansiReset, i, bootLines-1)
	default:
		return fmt.Sprintf("%s [notice] 1#1: init worker process %d", t.Format("2006/01/02 15:04:05"), 20+i)
	}
}

func pick[T any](r uint64, xs []T) T { return xs[r%uint64(len(xs))] }

// hash64 is FNV-1a: a stable seed from a name.
func hash64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// rng is one splitmix64 step: well-mixed bits from a counter.
func rng(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
