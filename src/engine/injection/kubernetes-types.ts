/**
 * Field lists of the Kubernetes structs templates reach (template-types.ts reads them). Field names, Go
 * types and json tags are facts of k8s.io/api and k8s.io/apimachinery v0.35.3 (what Istio 1.30.3 builds
 * with). Named string types (v1.Protocol, …) are written as `string`.
 *
 * Notation, per struct: fields separated by `;`, each `Name Type` in declaration order. The json key is
 * the Go name with its leading capitals lowered (HTTPGet → httpGet, TTY → tty) unless `=key` says
 * otherwise; fields are omitempty unless the name ends in `!`; `~` marks omitzero. `^Type` is an
 * embedded struct whose fields are inlined (`^Type=key?` one under its own omitempty key).
 */
/** Container and EphemeralContainerCommon declare the same fields. */
const CONTAINER =
  'Name! string; Image string; Command []string; Args []string; WorkingDir string; Ports []ContainerPort; EnvFrom []EnvFromSource; Env []EnvVar; Resources ResourceRequirements; ResizePolicy []ContainerResizePolicy; RestartPolicy *string; RestartPolicyRules []ContainerRestartRule; VolumeMounts []VolumeMount; VolumeDevices []VolumeDevice; LivenessProbe *Probe; ReadinessProbe *Probe; StartupProbe *Probe; Lifecycle *Lifecycle; TerminationMessagePath string; TerminationMessagePolicy string; ImagePullPolicy string; SecurityContext *SecurityContext; Stdin bool; StdinOnce bool; TTY bool';

export const KUBERNETES: Record<string, string> = {
  PodSpec:
    'Volumes []Volume; InitContainers []Container; Containers! []Container; EphemeralContainers []EphemeralContainer; RestartPolicy string; TerminationGracePeriodSeconds *int64; ActiveDeadlineSeconds *int64; DNSPolicy string; NodeSelector map[string]string; ServiceAccountName string; DeprecatedServiceAccount string=serviceAccount; AutomountServiceAccountToken *bool; NodeName string; HostNetwork bool; HostPID bool; HostIPC bool; ShareProcessNamespace *bool; SecurityContext *PodSecurityContext; ImagePullSecrets []LocalObjectReference; Hostname string; Subdomain string; Affinity *Affinity; SchedulerName string; Tolerations []Toleration; HostAliases []HostAlias; PriorityClassName string; Priority *int32; DNSConfig *PodDNSConfig; ReadinessGates []PodReadinessGate; RuntimeClassName *string; EnableServiceLinks *bool; PreemptionPolicy *string; Overhead ResourceList; TopologySpreadConstraints []TopologySpreadConstraint; SetHostnameAsFQDN *bool; OS *PodOS; HostUsers *bool; SchedulingGates []PodSchedulingGate; ResourceClaims []PodResourceClaim; Resources *ResourceRequirements; HostnameOverride *string; WorkloadRef *WorkloadReference',
  Volume: 'Name! string; ^VolumeSource',
  VolumeSource:
    'HostPath *HostPathVolumeSource; EmptyDir *EmptyDirVolumeSource; GCEPersistentDisk *GCEPersistentDiskVolumeSource; AWSElasticBlockStore *AWSElasticBlockStoreVolumeSource; GitRepo *GitRepoVolumeSource; Secret *SecretVolumeSource; NFS *NFSVolumeSource; ISCSI *ISCSIVolumeSource; Glusterfs *GlusterfsVolumeSource; PersistentVolumeClaim *PersistentVolumeClaimVolumeSource; RBD *RBDVolumeSource; FlexVolume *FlexVolumeSource; Cinder *CinderVolumeSource; CephFS *CephFSVolumeSource=cephfs; Flocker *FlockerVolumeSource; DownwardAPI *DownwardAPIVolumeSource; FC *FCVolumeSource; AzureFile *AzureFileVolumeSource; ConfigMap *ConfigMapVolumeSource; VsphereVolume *VsphereVirtualDiskVolumeSource; Quobyte *QuobyteVolumeSource; AzureDisk *AzureDiskVolumeSource; PhotonPersistentDisk *PhotonPersistentDiskVolumeSource; Projected *ProjectedVolumeSource; PortworxVolume *PortworxVolumeSource; ScaleIO *ScaleIOVolumeSource; StorageOS *StorageOSVolumeSource=storageos; CSI *CSIVolumeSource; Ephemeral *EphemeralVolumeSource; Image *ImageVolumeSource',
  HostPathVolumeSource: 'Path! string; Type *string',
  EmptyDirVolumeSource: 'Medium string; SizeLimit *Quantity',
  GCEPersistentDiskVolumeSource: 'PDName! string; FSType string; Partition int32; ReadOnly bool',
  AWSElasticBlockStoreVolumeSource: 'VolumeID! string; FSType string; Partition int32; ReadOnly bool',
  GitRepoVolumeSource: 'Repository! string; Revision string; Directory string',
  SecretVolumeSource: 'SecretName string; Items []KeyToPath; DefaultMode *int32; Optional *bool',
  KeyToPath: 'Key! string; Path! string; Mode *int32',
  NFSVolumeSource: 'Server! string; Path! string; ReadOnly bool',
  ISCSIVolumeSource:
    'TargetPortal! string; IQN! string; Lun! int32; ISCSIInterface string; FSType string; ReadOnly bool; Portals []string; DiscoveryCHAPAuth bool=chapAuthDiscovery; SessionCHAPAuth bool=chapAuthSession; SecretRef *LocalObjectReference; InitiatorName *string',
  LocalObjectReference: 'Name string',
  GlusterfsVolumeSource: 'EndpointsName! string=endpoints; Path! string; ReadOnly bool',
  PersistentVolumeClaimVolumeSource: 'ClaimName! string; ReadOnly bool',
  RBDVolumeSource:
    'CephMonitors! []string=monitors; RBDImage! string=image; FSType string; RBDPool string=pool; RadosUser string=user; Keyring string; SecretRef *LocalObjectReference; ReadOnly bool',
  FlexVolumeSource: 'Driver! string; FSType string; SecretRef *LocalObjectReference; ReadOnly bool; Options map[string]string',
  CinderVolumeSource: 'VolumeID! string; FSType string; ReadOnly bool; SecretRef *LocalObjectReference',
  CephFSVolumeSource: 'Monitors! []string; Path string; User string; SecretFile string; SecretRef *LocalObjectReference; ReadOnly bool',
  FlockerVolumeSource: 'DatasetName string; DatasetUUID string',
  DownwardAPIVolumeSource: 'Items []DownwardAPIVolumeFile; DefaultMode *int32',
  DownwardAPIVolumeFile: 'Path! string; FieldRef *ObjectFieldSelector; ResourceFieldRef *ResourceFieldSelector; Mode *int32',
  ObjectFieldSelector: 'APIVersion string; FieldPath! string',
  ResourceFieldSelector: 'ContainerName string; Resource! string; Divisor Quantity',
  FCVolumeSource: 'TargetWWNs []string; Lun *int32; FSType string; ReadOnly bool; WWIDs []string=wwids',
  AzureFileVolumeSource: 'SecretName! string; ShareName! string; ReadOnly bool',
  ConfigMapVolumeSource: '^LocalObjectReference; Items []KeyToPath; DefaultMode *int32; Optional *bool',
  VsphereVirtualDiskVolumeSource: 'VolumePath! string; FSType string; StoragePolicyName string; StoragePolicyID string',
  QuobyteVolumeSource: 'Registry! string; Volume! string; ReadOnly bool; User string; Group string; Tenant string',
  AzureDiskVolumeSource: 'DiskName! string; DataDiskURI! string=diskURI; CachingMode *string; FSType *string; ReadOnly *bool; Kind *string',
  PhotonPersistentDiskVolumeSource: 'PdID! string; FSType string',
  ProjectedVolumeSource: 'Sources! []VolumeProjection; DefaultMode *int32',
  VolumeProjection:
    'Secret *SecretProjection; DownwardAPI *DownwardAPIProjection; ConfigMap *ConfigMapProjection; ServiceAccountToken *ServiceAccountTokenProjection; ClusterTrustBundle *ClusterTrustBundleProjection; PodCertificate *PodCertificateProjection',
  SecretProjection: '^LocalObjectReference; Items []KeyToPath; Optional *bool',
  DownwardAPIProjection: 'Items []DownwardAPIVolumeFile',
  ConfigMapProjection: '^LocalObjectReference; Items []KeyToPath; Optional *bool',
  ServiceAccountTokenProjection: 'Audience string; ExpirationSeconds *int64; Path! string',
  ClusterTrustBundleProjection: 'Name *string; SignerName *string; LabelSelector *LabelSelector; Optional *bool; Path! string',
  LabelSelector: 'MatchLabels map[string]string; MatchExpressions []LabelSelectorRequirement',
  LabelSelectorRequirement: 'Key! string; Operator! string; Values []string',
  PodCertificateProjection:
    'SignerName string; KeyType string; MaxExpirationSeconds *int32; CredentialBundlePath string; KeyPath string; CertificateChainPath string; UserAnnotations map[string]string',
  PortworxVolumeSource: 'VolumeID! string; FSType string; ReadOnly bool',
  ScaleIOVolumeSource:
    'Gateway! string; System! string; SecretRef! *LocalObjectReference; SSLEnabled bool; ProtectionDomain string; StoragePool string; StorageMode string; VolumeName string; FSType string; ReadOnly bool',
  StorageOSVolumeSource: 'VolumeName string; VolumeNamespace string; FSType string; ReadOnly bool; SecretRef *LocalObjectReference',
  CSIVolumeSource:
    'Driver! string; ReadOnly *bool; FSType *string; VolumeAttributes map[string]string; NodePublishSecretRef *LocalObjectReference',
  EphemeralVolumeSource: 'VolumeClaimTemplate *PersistentVolumeClaimTemplate',
  PersistentVolumeClaimTemplate: '^ObjectMeta=metadata?; Spec! PersistentVolumeClaimSpec',
  ObjectMeta:
    'Name string; GenerateName string; Namespace string; SelfLink string; UID string; ResourceVersion string; Generation int64; CreationTimestamp Time~; DeletionTimestamp *Time; DeletionGracePeriodSeconds *int64; Labels map[string]string; Annotations map[string]string; OwnerReferences []OwnerReference; Finalizers []string; ManagedFields []ManagedFieldsEntry',
  OwnerReference: 'APIVersion! string; Kind! string; Name! string; UID! string; Controller *bool; BlockOwnerDeletion *bool',
  ManagedFieldsEntry:
    'Manager string; Operation string; APIVersion string; Time *Time; FieldsType string; FieldsV1 *FieldsV1; Subresource string',
  PersistentVolumeClaimSpec:
    'AccessModes []string; Selector *LabelSelector; Resources VolumeResourceRequirements; VolumeName string; StorageClassName *string; VolumeMode *string; DataSource *TypedLocalObjectReference; DataSourceRef *TypedObjectReference; VolumeAttributesClassName *string',
  VolumeResourceRequirements: 'Limits ResourceList; Requests ResourceList',
  TypedLocalObjectReference: 'APIGroup! *string; Kind! string; Name! string',
  TypedObjectReference: 'APIGroup! *string; Kind! string; Name! string; Namespace *string',
  ImageVolumeSource: 'Reference string; PullPolicy string',
  Container: CONTAINER,
  ContainerPort: 'Name string; HostPort int32; ContainerPort! int32; Protocol string; HostIP string',
  EnvFromSource: 'Prefix string; ConfigMapRef *ConfigMapEnvSource; SecretRef *SecretEnvSource',
  ConfigMapEnvSource: '^LocalObjectReference; Optional *bool',
  SecretEnvSource: '^LocalObjectReference; Optional *bool',
  EnvVar: 'Name! string; Value string; ValueFrom *EnvVarSource',
  EnvVarSource:
    'FieldRef *ObjectFieldSelector; ResourceFieldRef *ResourceFieldSelector; ConfigMapKeyRef *ConfigMapKeySelector; SecretKeyRef *SecretKeySelector; FileKeyRef *FileKeySelector',
  ConfigMapKeySelector: '^LocalObjectReference; Key! string; Optional *bool',
  SecretKeySelector: '^LocalObjectReference; Key! string; Optional *bool',
  FileKeySelector: 'VolumeName! string; Path! string; Key! string; Optional *bool',
  ResourceRequirements: 'Limits ResourceList; Requests ResourceList; Claims []ResourceClaim',
  ResourceClaim: 'Name! string; Request string',
  ContainerResizePolicy: 'ResourceName! string; RestartPolicy! string',
  ContainerRestartRule: 'Action string; ExitCodes *ContainerRestartRuleOnExitCodes',
  ContainerRestartRuleOnExitCodes: 'Operator string; Values []int32',
  VolumeMount:
    'Name! string; ReadOnly bool; RecursiveReadOnly *string; MountPath! string; SubPath string; MountPropagation *string; SubPathExpr string',
  VolumeDevice: 'Name! string; DevicePath! string',
  Probe:
    '^ProbeHandler; InitialDelaySeconds int32; TimeoutSeconds int32; PeriodSeconds int32; SuccessThreshold int32; FailureThreshold int32; TerminationGracePeriodSeconds *int64',
  ProbeHandler: 'Exec *ExecAction; HTTPGet *HTTPGetAction; TCPSocket *TCPSocketAction; GRPC *GRPCAction',
  ExecAction: 'Command []string',
  HTTPGetAction: 'Path string; Port! IntOrString; Host string; Scheme string; HTTPHeaders []HTTPHeader',
  HTTPHeader: 'Name! string; Value! string',
  TCPSocketAction: 'Port! IntOrString; Host string',
  GRPCAction: 'Port! int32; Service! *string',
  Lifecycle: 'PostStart *LifecycleHandler; PreStop *LifecycleHandler; StopSignal *string',
  LifecycleHandler: 'Exec *ExecAction; HTTPGet *HTTPGetAction; TCPSocket *TCPSocketAction; Sleep *SleepAction',
  SleepAction: 'Seconds! int64',
  SecurityContext:
    'Capabilities *Capabilities; Privileged *bool; SELinuxOptions *SELinuxOptions; WindowsOptions *WindowsSecurityContextOptions; RunAsUser *int64; RunAsGroup *int64; RunAsNonRoot *bool; ReadOnlyRootFilesystem *bool; AllowPrivilegeEscalation *bool; ProcMount *string; SeccompProfile *SeccompProfile; AppArmorProfile *AppArmorProfile',
  Capabilities: 'Add []string; Drop []string',
  SELinuxOptions: 'User string; Role string; Type string; Level string',
  WindowsSecurityContextOptions: 'GMSACredentialSpecName *string; GMSACredentialSpec *string; RunAsUserName *string; HostProcess *bool',
  SeccompProfile: 'Type! string; LocalhostProfile *string',
  AppArmorProfile: 'Type! string; LocalhostProfile *string',
  EphemeralContainer: '^EphemeralContainerCommon; TargetContainerName string',
  EphemeralContainerCommon: CONTAINER,
  PodSecurityContext:
    'SELinuxOptions *SELinuxOptions; WindowsOptions *WindowsSecurityContextOptions; RunAsUser *int64; RunAsGroup *int64; RunAsNonRoot *bool; SupplementalGroups []int64; SupplementalGroupsPolicy *string; FSGroup *int64; Sysctls []Sysctl; FSGroupChangePolicy *string; SeccompProfile *SeccompProfile; AppArmorProfile *AppArmorProfile; SELinuxChangePolicy *string',
  Sysctl: 'Name! string; Value! string',
  Affinity: 'NodeAffinity *NodeAffinity; PodAffinity *PodAffinity; PodAntiAffinity *PodAntiAffinity',
  NodeAffinity:
    'RequiredDuringSchedulingIgnoredDuringExecution *NodeSelector; PreferredDuringSchedulingIgnoredDuringExecution []PreferredSchedulingTerm',
  NodeSelector: 'NodeSelectorTerms! []NodeSelectorTerm',
  NodeSelectorTerm: 'MatchExpressions []NodeSelectorRequirement; MatchFields []NodeSelectorRequirement',
  NodeSelectorRequirement: 'Key! string; Operator! string; Values []string',
  PreferredSchedulingTerm: 'Weight! int32; Preference! NodeSelectorTerm',
  PodAffinity:
    'RequiredDuringSchedulingIgnoredDuringExecution []PodAffinityTerm; PreferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm',
  PodAffinityTerm:
    'LabelSelector *LabelSelector; Namespaces []string; TopologyKey! string; NamespaceSelector *LabelSelector; MatchLabelKeys []string; MismatchLabelKeys []string',
  WeightedPodAffinityTerm: 'Weight! int32; PodAffinityTerm! PodAffinityTerm',
  PodAntiAffinity:
    'RequiredDuringSchedulingIgnoredDuringExecution []PodAffinityTerm; PreferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm',
  Toleration: 'Key string; Operator string; Value string; Effect string; TolerationSeconds *int64',
  HostAlias: 'IP! string; Hostnames []string',
  PodDNSConfig: 'Nameservers []string; Searches []string; Options []PodDNSConfigOption',
  PodDNSConfigOption: 'Name string; Value *string',
  PodReadinessGate: 'ConditionType! string',
  TopologySpreadConstraint:
    'MaxSkew! int32; TopologyKey! string; WhenUnsatisfiable! string; LabelSelector *LabelSelector; MinDomains *int32; NodeAffinityPolicy *string; NodeTaintsPolicy *string; MatchLabelKeys []string',
  PodOS: 'Name! string',
  PodSchedulingGate: 'Name! string',
  PodResourceClaim: 'Name! string; ResourceClaimName *string; ResourceClaimTemplateName *string',
  WorkloadReference: 'Name! string; PodGroup! string; PodGroupReplicaKey string',
  TypeMeta: 'Kind string; APIVersion string',
};
