package main

import (
	"context"
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/metadata"
	"k8s.io/client-go/metadata/metadatainformer"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/restmapper"
	"k8s.io/controller-manager/pkg/informerfactory"
	"k8s.io/kubernetes/pkg/controller/clusterroleaggregation"
	"k8s.io/kubernetes/pkg/controller/deployment"
	"k8s.io/kubernetes/pkg/controller/garbagecollector"
	namespacecontroller "k8s.io/kubernetes/pkg/controller/namespace"
	"k8s.io/kubernetes/pkg/controller/replicaset"
)

// startControllers runs, in this process, the kube-controller-manager loops the project's
// tests rely on: Deployment → ReplicaSet → Pod, ClusterRole aggregation (without it the
// built-in `view`/`edit` roles have no rules), garbage collection (cascading deletes) and
// namespace deletion.
func startControllers(ctx context.Context, rc *rest.Config, k *kubelet) (informers.SharedInformerFactory, error) {
	cfg := rest.CopyConfig(rc)
	cfg.UserAgent = "testenv-controllers"
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return nil, err
	}
	md, err := metadata.NewForConfig(cfg)
	if err != nil {
		return nil, err
	}
	factory := informers.NewSharedInformerFactory(cs, 0)
	mdFactory := metadatainformer.NewSharedInformerFactory(md, 0)

	agg := clusterroleaggregation.NewClusterRoleAggregation(factory.Rbac().V1().ClusterRoles(), cs.RbacV1())
	dc, err := deployment.NewDeploymentController(ctx, factory.Apps().V1().Deployments(), factory.Apps().V1().ReplicaSets(), factory.Core().V1().Pods(), cs)
	if err != nil {
		return nil, fmt.Errorf("deployment controller: %w", err)
	}
	rsc := replicaset.NewReplicaSetController(ctx, factory.Apps().V1().ReplicaSets(), factory.Core().V1().Pods(), cs, replicaset.BurstReplicas)
	nsc := namespacecontroller.NewNamespaceController(ctx, cs, md, cs.Discovery().ServerPreferredNamespacedResources,
		factory.Core().V1().Namespaces(), 5*time.Minute, corev1.FinalizerKubernetes)

	mapper := restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(cs.Discovery()))
	informersStarted := make(chan struct{})
	gc, err := garbagecollector.NewGarbageCollector(ctx, cs, md, mapper, garbagecollector.DefaultIgnoredResources(),
		informerfactory.NewInformerFactory(factory, mdFactory), informersStarted)
	if err != nil {
		return nil, fmt.Errorf("garbage collector: %w", err)
	}
	k.runPods(ctx, factory)

	factory.Start(ctx.Done())
	mdFactory.Start(ctx.Done())
	close(informersStarted)
	go agg.Run(ctx, 1)
	go dc.Run(ctx, 2)
	go rsc.Run(ctx, 2)
	go nsc.Run(ctx, 2)
	go gc.Run(ctx, 4, 30*time.Second)
	// Picks up resources added later (CRDs) the way kube-controller-manager does.
	go gc.Sync(ctx, cs.Discovery(), 15*time.Second)
	return factory, nil
}
