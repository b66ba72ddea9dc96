package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

const (
	serviceCIDR = "10.0.0.0/24"
	serviceIP   = "10.0.0.1" // first address of serviceCIDR: the `kubernetes` Service
)

// Tokens for the three identities the project's tests use; only admin gets a group.
var tokens = []struct{ key, token, groups string }{
	{"admin", "sandbox-admin", "system:masters"},
	{"developer", "sandbox-developer", ""},
	{"viewer", "sandbox-viewer", ""},
}

type apiserver struct {
	URL        string
	Kubeconfig string
	done       chan error // receives the command's result when it returns
}

// startAPIServer runs kube-apiserver's own cobra command in a goroutine.
func startAPIServer(dir string, p *pki, etcdURL string) (*apiserver, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	tokenFile := filepath.Join(dir, "tokens.csv")
	var csv strings.Builder
	for _, t := range tokens {
		// token,user,uid[,"group1,group2"]
		fmt.Fprintf(&csv, "%s,%s,%s", t.token, t.token, t.token)
		if t.groups != "" {
			fmt.Fprintf(&csv, ",%q", t.groups)
		}
		csv.WriteString("\n")
	}
	if err := os.WriteFile(tokenFile, []byte(csv.String()), 0o600); err != nil {
		return nil, err
	}

	args := []string{
		"--bind-address=127.0.0.1",
		"--secure-port=" + strconv.Itoa(port),
		"--advertise-address=127.0.0.1",
		"--endpoint-reconciler-type=none",
		"--etcd-servers=" + etcdURL,
		"--tls-cert-file=" + p.ServingCertFile,
		"--tls-private-key-file=" + p.ServingKeyFile,
		"--client-ca-file=" + p.CAFile,
		"--token-auth-file=" + tokenFile,
		"--authorization-mode=RBAC",
		"--service-cluster-ip-range=" + serviceCIDR,
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--service-account-key-file=" + p.ServiceAccountKeyFile,
		"--service-account-signing-key-file=" + p.ServiceAccountKeyFile,
		"--kubelet-preferred-address-types=InternalIP",
		"--kubelet-client-certificate=" + p.KubeletClientCertFile,
		"--kubelet-client-key=" + p.KubeletClientKey,
		"--kubelet-certificate-authority=" + p.CAFile,
		// No token controller runs here, so pods must not require a ServiceAccount object.
		"--disable-admission-plugins=ServiceAccount",
		"--allow-privileged=true",
		"--profiling=false",
		"--cert-dir=" + filepath.Join(dir, "pki"),
		// Tokenless requests answer 401, as hardened clusters (and the sandbox) do.
		"--anonymous-auth=false",
		// Compact etcd often and serve serviceaccounts without the watch cache, so a watch from an
		// old resourceVersion really gets 410 Gone and the client's re-list can be tested.
		"--etcd-compaction-interval=2s",
		"--watch-cache-sizes=serviceaccounts#0",
	}
	if v := os.Getenv("TESTENV_APISERVER_V"); v != "" {
		args = append(args, "-v="+v)
	}
	if extra := os.Getenv("TESTENV_APISERVER_ARGS"); extra != "" {
		args = append(args, strings.Fields(extra)...)
	}

	a := &apiserver{URL: fmt.Sprintf("https://127.0.0.1:%d", port), done: make(chan error, 1)}
	a.Kubeconfig = filepath.Join(dir, "kubeconfig")
	if err := writeKubeconfig(a.Kubeconfig, a.URL, p); err != nil {
		return nil, err
	}

	cmd := app.NewAPIServerCommand()
	cmd.SetArgs(args)
	go func() { a.done <- cmd.Execute() }()
	return a, nil
}

// waitReady polls /readyz until it answers ok, the server exits or the timeout passes.
func (a *apiserver) waitReady(ctx context.Context, cs kubernetes.Interface, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		body, err := cs.Discovery().RESTClient().Get().AbsPath("/readyz").DoRaw(ctx)
		if err == nil && string(body) == "ok" {
			return nil
		}
		select {
		case err := <-a.done:
			return fmt.Errorf("kube-apiserver exited: %v", err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("kube-apiserver not ready after %s: %v %s", timeout, err, body)
		}
	}
}

// writeKubeconfig writes a self-contained kubeconfig: the admin certificate as current
// context, plus one context per token identity.
func writeKubeconfig(path, server string, p *pki) error {
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters["testenv"] = &clientcmdapi.Cluster{Server: server, CertificateAuthorityData: p.caPEM}
	cfg.AuthInfos["admin"] = &clientcmdapi.AuthInfo{ClientCertificateData: p.AdminCertPEM, ClientKeyData: p.AdminKeyPEM}
	cfg.Contexts["testenv"] = &clientcmdapi.Context{Cluster: "testenv", AuthInfo: "admin", Namespace: "default"}
	for _, t := range tokens {
		cfg.AuthInfos[t.token] = &clientcmdapi.AuthInfo{Token: t.token}
		cfg.Contexts[t.key] = &clientcmdapi.Context{Cluster: "testenv", AuthInfo: t.token, Namespace: "default"}
	}
	cfg.CurrentContext = "testenv"
	return clientcmd.WriteToFile(*cfg, path)
}

// adminClient builds a client from the kubeconfig for this process's own controllers.
func adminClient(kubeconfig string) (*rest.Config, kubernetes.Interface, error) {
	rc, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return nil, nil, err
	}
	rc.QPS, rc.Burst = 200, 400
	rc.UserAgent = "testenv"
	cs, err := kubernetes.NewForConfig(rc)
	return rc, cs, err
}
