package io.iamkit.backend.direct;

import io.iamkit.api.Change;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.DestroyReport;
import io.iamkit.api.ResourceKind;
import io.iamkit.api.state.LiveAccessKey;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.vavr.collection.List;
import io.vavr.control.Option;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * Removes the user and everything that would block {@code DeleteUser}: every access key, inline
 * policy and managed policy attachment (out-of-band ones included and flagged), then the delivered
 * secret (deleted without a recovery window), then the user. If IAM still refuses with
 * {@code DeleteConflict}, the rarer blockers (group memberships, login profile, MFA devices, SSH
 * keys, signing certificates, service-specific credentials) are removed and the delete is retried.
 */
final class Destroyer {
  private Destroyer() { }

  static DestroyReport destroy(Session s) {
    AwsIamUserSpec spec = s.user.spec();
    Option<Found> found = Locator.locate(s);
    if (spec.hasSecretDelivery()) {
      // before anything is removed: a delivery secret we did not create stops the destroy
      SecretStore.checkOwnership(s, spec.getSecretDelivery().getSecretName());
    }
    List<DestroyReport.Removed> removed = List.empty();
    if (found.isDefined()) {
      removed = removeParts(s, found.get());
    }
    if (spec.hasSecretDelivery() && SecretStore.forceDelete(s, spec.getSecretDelivery().getSecretName())) {
      removed = removed.append(new DestroyReport.Removed(ResourceKind.SECRET, spec.getSecretDelivery().getSecretName(), false));
    }
    if (found.isDefined()) {
      String name = found.get().raw().userName();
      removed = removed.appendAll(deleteUser(s, name));
      removed = removed.append(new DestroyReport.Removed(ResourceKind.USER, name, false));
    }
    return removed.isEmpty() ? DestroyReport.alreadyGone(s.userName()) : DestroyReport.removed(s.userName(), removed);
  }

  private static List<DestroyReport.Removed> removeParts(Session s, Found f) {
    AwsIamUserSpec spec = s.user.spec();
    String name = f.raw().userName();
    List<DestroyReport.Removed> removed = List.empty();
    for (LiveAccessKey k : f.raw().accessKeys()) {
      s.step("DeleteAccessKey", ResourceKind.ACCESS_KEY, k.accessKeyId(), Change.Action.DELETE,
          () -> s.clients.iam().deleteAccessKey(r -> r.userName(name).accessKeyId(k.accessKeyId())));
      boolean ours = f.isOwnKey(k.accessKeyId()) && !spec.getDisableAccessKeys();
      removed = removed.append(new DestroyReport.Removed(ResourceKind.ACCESS_KEY, k.accessKeyId(), !ours));
    }
    for (String policy : f.raw().inlinePolicies().keySet()) {
      s.step("DeleteUserPolicy", ResourceKind.INLINE_POLICY, policy, Change.Action.DELETE,
          () -> s.clients.iam().deleteUserPolicy(r -> r.userName(name).policyName(policy)));
      removed = removed.append(new DestroyReport.Removed(ResourceKind.INLINE_POLICY, policy,
          !spec.containsInlinePolicies(policy)));
    }
    for (String arn : f.raw().managedPolicyArns()) {
      s.step("DetachUserPolicy", ResourceKind.MANAGED_POLICY_ATTACHMENT, arn, Change.Action.DELETE,
          () -> s.clients.iam().detachUserPolicy(r -> r.userName(name).policyArn(arn)));
      removed = removed.append(new DestroyReport.Removed(ResourceKind.MANAGED_POLICY_ATTACHMENT, arn,
          !spec.getManagedPolicyArnsList().contains(arn)));
    }
    return removed;
  }

  private static List<DestroyReport.Removed> deleteUser(Session s, String name) {
    try {
      s.step("DeleteUser", ResourceKind.USER, name, Change.Action.DELETE,
          () -> s.clients.iam().deleteUser(r -> r.userName(name)));
      return List.empty();
    } catch (StepFailed f) {
      if (!(f.error() instanceof DeploymentError.RejectedByAws r && r.code().equals("DeleteConflict"))) {
        throw f;
      }
    }
    List<DestroyReport.Removed> removed = removeRareBlockers(s, name);
    s.step("DeleteUser", ResourceKind.USER, name, Change.Action.DELETE,
        () -> s.clients.iam().deleteUser(r -> r.userName(name)));
    return removed;
  }

  private static List<DestroyReport.Removed> removeRareBlockers(Session s, String name) {
    var iam = s.clients.iam();
    List<DestroyReport.Removed> removed = List.empty();
    for (var g : s.read("ListGroupsForUser", name, () -> iam.listGroupsForUserPaginator(r -> r.userName(name)).groups().stream().toList())) {
      s.step("RemoveUserFromGroup", ResourceKind.OTHER, "group " + g.groupName(), Change.Action.DELETE,
          () -> iam.removeUserFromGroup(r -> r.userName(name).groupName(g.groupName())));
      removed = removed.append(new DestroyReport.Removed(ResourceKind.OTHER, "group membership " + g.groupName(), true));
    }
    boolean hasLoginProfile = s.read("GetLoginProfile", name, () -> {
      try {
        iam.getLoginProfile(r -> r.userName(name));
        return true;
      } catch (NoSuchEntityException e) {
        return false;
      }
    });
    if (hasLoginProfile) {
      s.step("DeleteLoginProfile", ResourceKind.OTHER, "login profile", Change.Action.DELETE,
          () -> iam.deleteLoginProfile(r -> r.userName(name)));
      removed = removed.append(new DestroyReport.Removed(ResourceKind.OTHER, "login profile", true));
    }
    for (var m : s.read("ListMFADevices", name, () -> iam.listMFADevicesPaginator(r -> r.userName(name)).mfaDevices().stream().toList())) {
      s.step("DeactivateMFADevice", ResourceKind.OTHER, "MFA device " + m.serialNumber(), Change.Action.DELETE,
          () -> iam.deactivateMFADevice(r -> r.userName(name).serialNumber(m.serialNumber())));
      removed = removed.append(new DestroyReport.Removed(ResourceKind.OTHER, "MFA device " + m.serialNumber(), true));
    }
    for (var k : s.read("ListSSHPublicKeys", name, () -> iam.listSSHPublicKeysPaginator(r -> r.userName(name)).sshPublicKeys().stream().toList())) {
      s.step("DeleteSSHPublicKey", ResourceKind.OTHER, "SSH key " + k.sshPublicKeyId(), Change.Action.DELETE,
          () -> iam.deleteSSHPublicKey(r -> r.userName(name).sshPublicKeyId(k.sshPublicKeyId())));
      removed = removed.append(new DestroyReport.Removed(ResourceKind.OTHER, "SSH key " + k.sshPublicKeyId(), true));
    }
    for (var c : s.read("ListSigningCertificates", name, () -> iam.listSigningCertificatesPaginator(r -> r.userName(name)).certificates().stream().toList())) {
      s.step("DeleteSigningCertificate", ResourceKind.OTHER, "signing certificate " + c.certificateId(), Change.Action.DELETE,
          () -> iam.deleteSigningCertificate(r -> r.userName(name).certificateId(c.certificateId())));
      removed = removed.append(new DestroyReport.Removed(ResourceKind.OTHER, "signing certificate " + c.certificateId(), true));
    }
    for (var c : s.read("ListServiceSpecificCredentials", name, () -> iam.listServiceSpecificCredentials(r -> r.userName(name)).serviceSpecificCredentials())) {
      s.step("DeleteServiceSpecificCredential", ResourceKind.OTHER, "service credential " + c.serviceSpecificCredentialId(),
          Change.Action.DELETE, () -> iam.deleteServiceSpecificCredential(
              r -> r.userName(name).serviceSpecificCredentialId(c.serviceSpecificCredentialId())));
      removed = removed.append(new DestroyReport.Removed(ResourceKind.OTHER,
          "service credential " + c.serviceSpecificCredentialId(), true));
    }
    return removed;
  }
}
