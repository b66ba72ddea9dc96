package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// pki holds every key and certificate the environment needs, all signed by one CA.
type pki struct {
	dir    string
	caCert *x509.Certificate
	caKey  crypto.Signer
	caPEM  []byte

	// File paths handed to kube-apiserver and written into the kubeconfig.
	CAFile                                  string
	ServingCertFile, ServingKeyFile         string
	ServiceAccountKeyFile                   string
	KubeletClientCertFile, KubeletClientKey string
	AdminCertPEM, AdminKeyPEM               []byte

	// The fake kubelet's serving certificate, kept in memory.
	KubeletServing tls.Certificate
}

// newPKI generates the CA and leaf certificates into dir/pki. ECDSA P-256 keeps start fast.
func newPKI(dir, nodeName string) (*pki, error) {
	p := &pki{dir: filepath.Join(dir, "pki")}
	if err := os.MkdirAll(p.dir, 0o700); err != nil {
		return nil, err
	}
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	caTmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "kube-testenv-ca"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(10 * 365 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, caKey.Public(), caKey)
	if err != nil {
		return nil, err
	}
	p.caCert, _ = x509.ParseCertificate(caDER)
	p.caKey = caKey
	p.caPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})
	p.CAFile = filepath.Join(p.dir, "ca.crt")
	if err := os.WriteFile(p.CAFile, p.caPEM, 0o644); err != nil {
		return nil, err
	}

	localIPs := []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1")}
	// The apiserver's serving certificate also covers the in-cluster names and the service IP.
	servingIPs := append(localIPs, net.ParseIP(serviceIP))
	servingDNS := []string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"}
	cert, key, err := p.issue(pkix.Name{CommonName: "kube-apiserver"}, servingDNS, servingIPs, x509.ExtKeyUsageServerAuth)
	if err != nil {
		return nil, err
	}
	if p.ServingCertFile, p.ServingKeyFile, err = p.write("apiserver", cert, key); err != nil {
		return nil, err
	}

	// system:masters so the apiserver may call every kubelet endpoint.
	cert, key, err = p.issue(pkix.Name{CommonName: "kube-apiserver-kubelet-client", Organization: []string{"system:masters"}}, nil, nil, x509.ExtKeyUsageClientAuth)
	if err != nil {
		return nil, err
	}
	if p.KubeletClientCertFile, p.KubeletClientKey, err = p.write("apiserver-kubelet-client", cert, key); err != nil {
		return nil, err
	}

	p.AdminCertPEM, p.AdminKeyPEM, err = p.issue(pkix.Name{CommonName: "testenv-admin", Organization: []string{"system:masters"}}, nil, nil, x509.ExtKeyUsageClientAuth)
	if err != nil {
		return nil, err
	}

	// The CN/O a real kubelet's serving certificate has after TLS bootstrap.
	cert, key, err = p.issue(pkix.Name{CommonName: "system:node:" + nodeName, Organization: []string{"system:nodes"}}, []string{"localhost", nodeName}, localIPs, x509.ExtKeyUsageServerAuth)
	if err != nil {
		return nil, err
	}
	if p.KubeletServing, err = tls.X509KeyPair(cert, key); err != nil {
		return nil, err
	}

	saKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	saDER, err := x509.MarshalECPrivateKey(saKey)
	if err != nil {
		return nil, err
	}
	p.ServiceAccountKeyFile = filepath.Join(p.dir, "sa.key")
	if err := os.WriteFile(p.ServiceAccountKeyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: saDER}), 0o600); err != nil {
		return nil, err
	}
	return p, nil
}

var serial int64 = 1

// issue signs a fresh leaf key for subject with the given SANs and usage, returning PEM.
func (p *pki) issue(subject pkix.Name, dns []string, ips []net.IP, usage x509.ExtKeyUsage) (certPEM, keyPEM []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	serial++
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(serial),
		Subject:      subject,
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(365 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:  []x509.ExtKeyUsage{usage},
		DNSNames:     dns,
		IPAddresses:  ips,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, p.caCert, key.Public(), p.caKey)
	if err != nil {
		return nil, nil, err
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), nil
}

func (p *pki) write(name string, cert, key []byte) (string, string, error) {
	certFile, keyFile := filepath.Join(p.dir, name+".crt"), filepath.Join(p.dir, name+".key")
	if err := os.WriteFile(certFile, cert, 0o644); err != nil {
		return "", "", err
	}
	if err := os.WriteFile(keyFile, key, 0o600); err != nil {
		return "", "", fmt.Errorf("write %s: %w", keyFile, err)
	}
	return certFile, keyFile, nil
}

// caPool is the trust root for the kubelet's client-certificate check.
func (p *pki) caPool() *x509.CertPool {
	pool := x509.NewCertPool()
	pool.AddCert(p.caCert)
	return pool
}
