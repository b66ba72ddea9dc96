
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
    };
  