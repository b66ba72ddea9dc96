package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/types"
	remotecommandconsts "k8s.io/apimachinery/pkg/util/remotecommand"
	"k8s.io/client-go/tools/remotecommand"
	remotecommandserver "k8s.io/kubelet/pkg/cri/streaming/remotecommand"
	utilexec "k8s.io/utils/exec"
)

// serveExec answers /exec/{ns}/{pod}/{container}?command=…: the kubelet library code
// negotiates SPDY or WebSocket, and execShell plays the container's shell.
func (k *kubelet) serveExec(w http.ResponseWriter, r *http.Request) {
	ns, podName, name := r.PathValue("ns"), r.PathValue("pod"), r.PathValue("container")
	pod, _, status, code, msg := k.container(ns, podName, name)
	if code == 0 && status.State.Running == nil {
		code, msg = http.StatusBadRequest, fmt.Sprintf("container %q in pod %q is not running", name, podName)
	}
	if code != 0 {
		http.Error(w, msg, code)
		return
	}
	opts, err := remotecommandserver.NewOptions(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	cmd := r.URL.Query()["command"]
	remotecommandserver.ServeExec(w, r, &execShell{kubelet: k, pod: pod}, ns+"/"+podName, pod.UID, name, cmd, opts,
		4*time.Hour, remotecommandconsts.DefaultStreamCreationTimeout, remotecommandconsts.SupportedStreamingProtocols)
}

// execShell runs a handful of scripted commands against a pretend container filesystem.
type execShell struct {
	kubelet *kubelet
	pod     *corev1.Pod
}

// ExecInContainer implements remotecommandserver.Executor.
func (e *execShell) ExecInContainer(ctx context.Context, _ string, _ types.UID, container string, cmd []string,
	in io.Reader, out, errOut io.WriteCloser, tty bool, resize <-chan remotecommand.TerminalSize, _ time.Duration) error {
	if resize != nil {
		go func() {
			for range resize {
			}
		}()
	}
	if out == nil {
		out = discard{}
	}
	if errOut == nil {
		errOut = out // with a TTY both go to one stream
	}
	sh := &session{pod: e.pod, container: container, out: out, err: errOut}
	if len(cmd) == 0 {
		return exitCode(sh.run(ctx, []string{"sh"}, in, tty))
	}
	return exitCode(sh.run(ctx, cmd, in, tty))
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
func (discard) Close() error                { return nil }

func exitCode(code int) error {
	if code == 0 {
		return nil
	}
	return utilexec.CodeExitError{Err: fmt.Errorf("command terminated with non-zero exit code: %d", code), Code: code}
}

type session struct {
	pod       *corev1.Pod
	container string
	out, err  io.Writer
	cwd       string
	lastCode  int
}

// files is the pretend filesystem every container has.
func (s *session) files() map[string]string {
	return map[string]string{
		"/etc/hostname":    s.pod.Name + "\n",
		"/etc/os-release":  "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nID=debian\n",
		"/etc/hosts":       fmt.Sprintf("127.0.0.1\tlocalhost\n%s\t%s\n", s.pod.Status.PodIP, s.pod.Name),
		"/etc/resolv.conf": fmt.Sprintf("search %s.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.0.0.10\noptions ndots:5\n", s.pod.Namespace),
		"/app/config.yaml": "listen: 0.0.0.0:8080\nlog_level: info\ngreeting: \"Grüße, 世界\"\n",
		"/var/run/secrets/kubernetes.io/serviceaccount/namespace": s.pod.Namespace,
	}
}

var dirs = map[string][]string{
	"/":     {"app", "bin", "dev", "etc", "home", "lib", "proc", "root", "sys", "tmp", "usr", "var"},
	"/app":  {"config.yaml", "server"},
	"/etc":  {"hostname", "hosts", "os-release", "resolv.conf"},
	"/tmp":  {},
	"/root": {},
	"/var":  {"log", "run"},
}

func (s *session) env() []string {
	env := map[string]string{
		"PATH":                    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"HOSTNAME":                s.pod.Name,
		"HOME":                    "/root",
		"KUBERNETES_SERVICE_HOST": serviceIP,
		"KUBERNETES_SERVICE_PORT": "443",
		"KUBERNETES_PORT":         "tcp://" + serviceIP + ":443",
	}
	for _, c := range s.pod.Spec.Containers {
		if c.Name == s.container {
			for _, e := range c.Env {
				env[e.Name] = e.Value
			}
		}
	}
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	lines := make([]string, len(keys))
	for i, k := range keys {
		lines[i] = k + "=" + env[k]
	}
	return lines
}

// run executes one command line (argv) and returns its exit code.
func (s *session) run(ctx context.Context, argv []string, in io.Reader, tty bool) int {
	if len(argv) == 0 {
		return 0
	}
	name := argv[0]
	if i := strings.LastIndex(name, "/"); i >= 0 && name != "/" {
		name = name[i+1:]
	}
	args := argv[1:]
	switch name {
	case "sh", "bash", "ash":
		if len(args) >= 2 && args[0] == "-c" {
			return s.script(ctx, args[1])
		}
		return s.interactive(ctx, in, tty)
	case "echo":
		fmt.Fprintln(s.out, strings.Join(args, " "))
	case "true", ":":
	case "false":
		return 1
	case "exit":
		if len(args) > 0 {
			n, _ := strconv.Atoi(args[0])
			return n
		}
		return s.lastCode
	case "hostname":
		fmt.Fprintln(s.out, s.pod.Name)
	case "whoami":
		fmt.Fprintln(s.out, "root")
	case "id":
		fmt.Fprintln(s.out, "uid=0(root) gid=0(root) groups=0(root)")
	case "pwd":
		fmt.Fprintln(s.out, s.dir())
	case "cd":
		s.cwd = "/"
		if len(args) > 0 {
			s.cwd = args[0]
		}
	case "date":
		fmt.Fprintln(s.out, time.Now().UTC().Format("Mon Jan _2 15:04:05 UTC 2006"))
	case "uname":
		if len(args) > 0 && args[0] == "-a" {
			fmt.Fprintf(s.out, "Linux %s 6.1.0-testenv #1 SMP x86_64 GNU/Linux\n", s.pod.Name)
		} else {
			fmt.Fprintln(s.out, "Linux")
		}
	case "env", "printenv":
		for _, l := range s.env() {
			fmt.Fprintln(s.out, l)
		}
	case "ls":
		return s.ls(args)
	case "grep", "head", "wc":
		return s.filter(name, args, in)
	case "cat":
		return s.cat(args, in)
	case "sleep":
		d, _ := strconv.ParseFloat(strings.Join(args, ""), 64)
		select {
		case <-ctx.Done():
		case <-time.After(time.Duration(d * float64(time.Second))):
		}
	default:
		fmt.Fprintf(s.err, "sh: %s: not found\n", argv[0])
		return 127
	}
	return 0
}

func (s *session) dir() string {
	if s.cwd == "" {
		return "/"
	}
	return s.cwd
}

func (s *session) ls(args []string) int {
	paths := []string{}
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			paths = append(paths, a)
		}
	}
	if len(paths) == 0 {
		paths = []string{s.dir()}
	}
	code := 0
	for _, p := range paths {
		if !strings.HasPrefix(p, "/") {
			p = path.Join(s.dir(), p)
		}
		p = path.Clean(p)
		if entries, ok := dirs[p]; ok {
			for _, e := range entries {
				fmt.Fprintln(s.out, e)
			}
		} else if _, ok := s.files()[p]; ok {
			fmt.Fprintln(s.out, p)
		} else {
			fmt.Fprintf(s.err, "ls: cannot access '%s': No such file or directory\n", p)
			code = 2
		}
	}
	return code
}

func (s *session) cat(args []string, in io.Reader) int {
	if len(args) == 0 {
		if in != nil {
			_, _ = io.Copy(s.out, in)
		}
		return 0
	}
	code := 0
	for _, p := range args {
		if body, ok := s.files()[p]; ok {
			fmt.Fprint(s.out, body)
		} else if _, isDir := dirs[p]; isDir {
			fmt.Fprintf(s.err, "cat: %s: Is a directory\n", p)
			code = 1
		} else {
			fmt.Fprintf(s.err, "cat: %s: No such file or directory\n", p)
			code = 1
		}
	}
	return code
}

// script runs `sh -c` text: commands split on ';', '&&' and '||', words on spaces.
func (s *session) script(ctx context.Context, text string) int {
	code := 0
	for _, stmt := range splitStatements(text) {
		if stmt.op == "&&" && code != 0 || stmt.op == "||" && code == 0 {
			continue
		}
		words := splitWords(stmt.text)
		if len(words) > 0 && words[0] == "exit" {
			return s.run(ctx, words, nil, false)
		}
		code = s.pipeline(ctx, stmt.text)
		s.lastCode = code
	}
	return code
}

// interactive reads commands from stdin until exit or EOF, with a prompt on a TTY.
func (s *session) interactive(ctx context.Context, in io.Reader, tty bool) int {
	if in == nil {
		return 0
	}
	if tty {
		return s.terminal(ctx, in)
	}
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		words := splitWords(line)
		if len(words) > 0 && words[0] == "exit" {
			return s.run(ctx, words, nil, false)
		}
		s.lastCode = s.script(ctx, line)
	}
	return s.lastCode
}

// crlf is a TTY's output processing (ONLCR): "\n" goes out as "\r\n".
type crlf struct{ w io.Writer }

func (c crlf) Write(p []byte) (int, error) {
	if _, err := c.w.Write(bytes.ReplaceAll(p, []byte("\n"), []byte("\r\n"))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// terminal plays a pty in canonical mode: the client sends raw keystrokes, we echo them,
// handle backspace, Ctrl-C and Ctrl-D, and run each line on Enter.
func (s *session) terminal(ctx context.Context, in io.Reader) int {
	raw := s.out
	s.out, s.err = crlf{raw}, crlf{raw}
	prompt := func() { fmt.Fprint(raw, "/ # ") }
	prompt()
	var line []rune
	r := bufio.NewReader(in)
	for {
		c, _, err := r.ReadRune()
		if err != nil {
			return s.lastCode
		}
		switch c {
		case '\r', '\n':
			fmt.Fprint(raw, "\r\n")
			text := string(line)
			line = line[:0]
			if words := splitWords(text); len(words) > 0 && words[0] == "exit" {
				return s.run(ctx, words, nil, false)
			}
			s.lastCode = s.script(ctx, text)
			prompt()
		case 0x7f, '\b':
			if len(line) > 0 {
				line = line[:len(line)-1]
				fmt.Fprint(raw, "\b \b")
			}
		case 0x03: // Ctrl-C
			fmt.Fprint(raw, "^C\r\n")
			line = line[:0]
			s.lastCode = 130
			prompt()
		case 0x04: // Ctrl-D on an empty line ends the shell
			if len(line) == 0 {
				fmt.Fprint(raw, "\r\n")
				return s.lastCode
			}
		default:
			if c >= ' ' {
				line = append(line, c)
				fmt.Fprint(raw, string(c))
			}
		}
	}
}

// pipeline runs `a | b | c`, buffering each stage's output as the next one's stdin.
func (s *session) pipeline(ctx context.Context, text string) int {
	stages := strings.Split(text, "|")
	var in io.Reader
	out, code := s.out, 0
	for i, stage := range stages {
		var buf bytes.Buffer
		if i < len(stages)-1 {
			s.out = &buf
		} else {
			s.out = out
		}
		code = s.run(ctx, splitWords(stage), in, false)
		in = &buf
	}
	s.out = out
	return code
}

// filter implements grep, head and wc -l over stdin, enough for `env | grep X`.
func (s *session) filter(name string, args []string, in io.Reader) int {
	if in == nil {
		in = strings.NewReader("")
	}
	sc := bufio.NewScanner(in)
	switch name {
	case "grep":
		if len(args) == 0 {
			fmt.Fprintln(s.err, "Usage: grep PATTERN")
			return 2
		}
		found := false
		for sc.Scan() {
			if strings.Contains(sc.Text(), args[len(args)-1]) {
				fmt.Fprintln(s.out, sc.Text())
				found = true
			}
		}
		if !found {
			return 1
		}
	case "head":
		n := 10
		if len(args) == 2 && args[0] == "-n" {
			n, _ = strconv.Atoi(args[1])
		}
		for i := 0; i < n && sc.Scan(); i++ {
			fmt.Fprintln(s.out, sc.Text())
		}
	case "wc":
		lines := 0
		for sc.Scan() {
			lines++
		}
		fmt.Fprintln(s.out, lines)
	}
	return 0
}

type statement struct{ op, text string }

func splitStatements(text string) []statement {
	var out []statement
	op := ";"
	for {
		i, next := -1, ""
		for _, sep := range []string{"&&", "||", ";"} {
			if j := strings.Index(text, sep); j >= 0 && (i < 0 || j < i) {
				i, next = j, sep
			}
		}
		if i < 0 {
			out = append(out, statement{op, strings.TrimSpace(text)})
			return out
		}
		out = append(out, statement{op, strings.TrimSpace(text[:i])})
		op, text = next, text[i+len(next):]
	}
}

// splitWords splits on spaces, honouring single and double quotes.
func splitWords(s string) []string {
	var words []string
	var cur strings.Builder
	var quote rune
	inWord := false
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}
