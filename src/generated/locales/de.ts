
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'kube.clusterPicker.checking': `wird geprüft…`,
'kube.clusterPicker.empty': `Es sind keine Cluster eingerichtet.`,
'kube.clusterPicker.error': str`Die Cluster konnten nicht aufgelistet werden: ${0}`,
'kube.clusterPicker.label': `Cluster`,
'kube.clusterPicker.loading': `Cluster werden geladen…`,
'kube.clusterPicker.noClient': `Kein Client – bitte in &lt;kube-provider&gt; einbetten.`,
'kube.clusterPicker.placeholder': `Cluster auswählen`,
'kube.clusterPicker.unknownError': `unbekannter Fehler`,
'kube.clusterPicker.unreachable': `nicht erreichbar`,
'kube.clusterPicker.unreachableReason': str`nicht erreichbar: ${0}`,
'kube.namespacePicker.all': `Alle Namespaces`,
'kube.namespacePicker.empty': `Dieser Cluster hat keine Namespaces.`,
'kube.namespacePicker.emptyLimited': `Hier gibt es keinen Namespace, den Sie verwenden dürfen. Bitten Sie um Zugriff oder setzen Sie allowed-namespaces am Provider.`,
'kube.namespacePicker.error': str`Die Namespaces konnten nicht geladen werden: ${0}`,
'kube.namespacePicker.label': `Namespace`,
'kube.namespacePicker.labelMultiple': `Namespaces`,
'kube.namespacePicker.limited': `Es werden die Namespaces angezeigt, die Sie verwenden dürfen.`,
'kube.namespacePicker.loading': `Namespaces werden geladen…`,
'kube.namespacePicker.noClient': `Kein Client – bitte in &lt;kube-provider&gt; einbetten.`,
'kube.namespacePicker.noMatch': str`Kein Namespace passt zu „${0}“.`,
'kube.namespacePicker.placeholder': `Namespace auswählen`,
'kube.namespacePicker.toggle': `Namespaces anzeigen`,
'kube.namespacePicker.unknownError': `unbekannter Fehler`,
'kube.resourceList.actions': `Aktionen`,
'kube.resourceList.count': str`${0} angezeigt`,
'kube.resourceList.empty': str`Keine ${0} gefunden.`,
'kube.resourceList.errorTitle': str`${0} konnten nicht aufgelistet werden`,
'kube.resourceList.filter': `Filter`,
'kube.resourceList.filterPlaceholder': `Nach Name, Namespace oder Label filtern`,
'kube.resourceList.forbiddenAll': str`Sie dürfen ${0} nicht über alle Namespaces hinweg auflisten, und es wurde kein Namespace gefunden, den Sie verwenden dürfen. Bitten Sie einen Cluster-Admin um die Berechtigung „list“ oder wählen Sie einen Namespace, den Sie verwenden dürfen (zum Beispiel mit allowed-namespaces an &lt;kube-provider&gt;).`,
'kube.resourceList.forbiddenCluster': str`Sie dürfen ${0} in diesem Cluster nicht auflisten. Bitten Sie einen Cluster-Admin um die Berechtigung „list“.`,
'kube.resourceList.forbiddenNamespace': str`Sie dürfen ${0} im Namespace ${1} nicht auflisten. Bitten Sie einen Cluster-Admin um die Berechtigung „list“ oder wählen Sie einen Namespace, den Sie verwenden dürfen.`,
'kube.resourceList.forbiddenTitle': `Zugriff verweigert`,
'kube.resourceList.gridLabel': str`Liste: ${0}`,
'kube.resourceList.httpCode': str`HTTP ${0} ${1}`,
'kube.resourceList.labelSelector': `Label-Selektor`,
'kube.resourceList.labelSelectorPlaceholder': `Label-Selektor, z. B. app=web`,
'kube.resourceList.loading': str`${0} werden geladen…`,
'kube.resourceList.namespace': `Namespace`,
'kube.resourceList.networkError': `Keine Antwort vom Server (Netzwerkfehler).`,
'kube.resourceList.noClient': `Kein Kubernetes-Client – bitte dieses Element in &lt;kube-provider&gt; einbetten.`,
'kube.resourceList.noMatch': str`Keine ${0} passen zu „${1}“.`,
'kube.resourceList.progress': str`Wird geladen… ${0} von ${1}`,
'kube.resourceList.progressUnknown': str`Wird geladen… ${0}`,
'kube.resourceList.reconnecting': `Verbindung unterbrochen – neue Verbindung wird aufgebaut. Die angezeigten Zeilen sind eventuell nicht aktuell.`,
'kube.resourceList.selectAll': `Alle auswählen`,
'kube.resourceList.selectRow': str`${0} auswählen`,
'kube.resourceList.unknownError': `Unbekannter Fehler`,
    };
  