// Command testenv runs a real kube-apiserver with embedded etcd, a fake kubelet and a few
// controllers in one process, for the kube-elements test suites.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/component-base/version"
)

// readyInfo is the JSON written to --ready-file once the cluster answers.
type readyInfo struct {
	URL        string            `json:"url"`
	CAFile     string            `json:"caFile"`
	Kubeconfig string            `json:"kubeconfig"`
	Tokens     map[string]string `json:"tokens"`
	Node       string            `json:"node"`
	Version    string            `json:"version"`
	Dir        string            `json:"dir"`
	LogFile    string            `json:"logFile"`
	PID        int               `json:"pid"`
}

// init runs on the main OS thread, which is the one the parent-death signal is tied to.
// The kernel repeats that signal as each thread of a multi-threaded parent exits, and a
// second SIGTERM makes kube-apiserver exit at once, skipping cleanup: so ask for SIGUSR1
// and turn the first one into a single SIGTERM.
func init() {
	for _, a := range os.Args[1:] {
		if a == "--die-with-parent" || a == "-die-with-parent" {
			usr1 := make(chan os.Signal, 4)
			signal.Notify(usr1, unix.SIGUSR1)
			go func() {
				<-usr1
				_ = unix.Kill(os.Getpid(), unix.SIGTERM)
				for range usr1 {
				}
			}()
			_ = unix.Prctl(unix.PR_SET_PDEATHSIG, uintptr(unix.SIGUSR1), 0, 0, 0)
		}
	}
}

func usage() {
	fmt.Fprintf(os.Stderr, `usage:
  testenv up [--ready-file PATH] [--node NAME] [--verbose] [--die-with-parent]
  testenv version
`)
}

func main() {
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	switch os.Args[1] {
	case "up":
		os.Exit(up(os.Args[2:]))
	case "version", "--version":
		fmt.Println(version.Get().GitVersion)
	default:
		usage()
		os.Exit(2)
	}
}

func up(args []string) int {
	fs := flag.NewFlagSet("up", flag.ExitOnError)
	readyFile := fs.String("ready-file", "", "write connection details as JSON here once ready")
	node := fs.String("node", "testenv-node", "name of the fake node")
	verbose := fs.Bool("verbose", false, "log to stderr instead of a file in the temp dir")
	dieWithParent := fs.Bool("die-with-parent", false, "get SIGTERM when the parent process exits (set up in init)")
	_ = fs.Parse(args)
	if *dieWithParent && os.Getppid() == 1 {
		return 1 // the parent is already gone
	}
	started := time.Now()

	dir, err := os.MkdirTemp("", "kube-testenv-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "testenv:", err)
		return 1
	}
	logFile := filepath.Join(dir, "testenv.log")
	out := os.Stderr
	if !*verbose {
		// kube-apiserver, etcd and client-go all log to fd 2; send that to a file and keep
		// the real stderr for our own few lines.
		f, err := os.Create(logFile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "testenv:", err)
			return 1
		}
		saved, err := unix.Dup(2)
		if err == nil {
			err = unix.Dup2(int(f.Fd()), 2)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "testenv: redirect stderr:", err)
			return 1
		}
		out = os.NewFile(uintptr(saved), "stderr")
	}
	fail := func(err error) int {
		fmt.Fprintf(out, "testenv: %v\n", err)
		if !*verbose {
			fmt.Fprintf(out, "testenv: last lines of %s:\n%s", logFile, tail(logFile, 30))
		}
		return 1
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctrlCtx, stopControllers := context.WithCancel(ctx)
	defer stopControllers()

	var cleanup []func()
	defer func() {
		for i := len(cleanup) - 1; i >= 0; i-- {
			cleanup[i]()
		}
	}()
	cleanup = append(cleanup, func() { _ = os.RemoveAll(dir) })
	if *readyFile != "" {
		cleanup = append(cleanup, func() { _ = os.Remove(*readyFile) })
	}

	p, err := newPKI(dir, *node)
	if err != nil {
		return fail(fmt.Errorf("pki: %w", err))
	}
	etcd, etcdURL, err := startEtcd(dir, filepath.Join(dir, "etcd.log"))
	if err != nil {
		return fail(err)
	}
	cleanup = append(cleanup, etcd.Close)

	api, err := startAPIServer(dir, p, etcdURL)
	if err != nil {
		return fail(err)
	}
	cleanup = append(cleanup, func() {
		// kube-apiserver stops on the same signal we got; give it a moment to drain.
		select {
		case <-api.done:
		case <-time.After(10 * time.Second):
			fmt.Fprintln(out, "testenv: kube-apiserver did not stop within 10s")
		}
	})
	rc, cs, err := adminClient(api.Kubeconfig)
	if err != nil {
		return fail(err)
	}
	if err := api.waitReady(ctx, cs, 90*time.Second); err != nil {
		return fail(err)
	}

	k := &kubelet{node: *node, version: version.Get().GitVersion, client: cs}
	if err := k.startServer(ctrlCtx, p); err != nil {
		return fail(fmt.Errorf("kubelet: %w", err))
	}
	if err := k.register(ctx); err != nil {
		return fail(err)
	}
	go k.heartbeat(ctrlCtx)
	factory, err := startControllers(ctrlCtx, rc, k)
	if err != nil {
		return fail(err)
	}
	for typ, ok := range factory.WaitForCacheSync(ctx.Done()) {
		if !ok {
			return fail(fmt.Errorf("informer for %v did not sync", typ))
		}
	}
	// The `view` role gets its rules from the aggregation controller; wait so RBAC answers
	// are final from the first request.
	err = wait.PollUntilContextTimeout(ctx, 50*time.Millisecond, 30*time.Second, true, func(ctx context.Context) (bool, error) {
		r, err := cs.RbacV1().ClusterRoles().Get(ctx, "view", metav1.GetOptions{})
		return err == nil && len(r.Rules) > 0, nil
	})
	if err != nil {
		return fail(fmt.Errorf("clusterrole aggregation: %w", err))
	}

	info := readyInfo{
		URL: api.URL, CAFile: p.CAFile, Kubeconfig: api.Kubeconfig, Node: *node,
		Version: version.Get().GitVersion, Dir: dir, LogFile: logFile, PID: os.Getpid(),
		Tokens: map[string]string{},
	}
	for _, t := range tokens {
		info.Tokens[t.key] = t.token
	}
	if *readyFile != "" {
		if err := writeJSON(*readyFile, info); err != nil {
			return fail(err)
		}
	}
	fmt.Fprintf(out, "testenv: kube-apiserver %s ready at %s in %.1fs (kubeconfig %s)\n",
		info.Version, info.URL, time.Since(started).Seconds(), info.Kubeconfig)

	select {
	case <-ctx.Done():
	case err := <-api.done:
		api.done <- err // let the cleanup see it too
		return fail(fmt.Errorf("kube-apiserver exited: %v", err))
	}
	stopControllers()
	fmt.Fprintln(out, "testenv: stopping")
	return 0
}

// writeJSON writes atomically so a watcher never reads half a file.
func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error() + "\n"
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n") + "\n"
}
