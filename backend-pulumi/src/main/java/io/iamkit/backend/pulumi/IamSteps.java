package io.iamkit.backend.pulumi;

import io.iamkit.api.DeploymentError;
import io.iamkit.api.DestroyReport.Removed;
import io.iamkit.api.ResourceKind;
import io.iamkit.api.state.LiveAccessKey;
import io.iamkit.api.state.LiveUser;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * The IAM calls the pulumi backend makes around the engine, where the engine alone does not give
 * the guarantees the product makes:
 *
 * <ul>
 *   <li>before {@code up}: every managed policy ARN of the spec exists (C-06), so a typo fails before
 *       anything is made instead of leaving a half-made user;
 *   <li>around {@code up} on a renamed user: the previous access key, which the engine's
 *       delete-replaced step tries to delete under the old user name and so leaves behind;
 *   <li>before {@code destroy}: out-of-band managed policy attachments, inline policies and access
 *       keys, which the stack does not know and which would otherwise survive or block the delete.
 * </ul>
 */
final class IamSteps {
  private static final Logger LOG = LoggerFactory.getLogger(IamSteps.class);

  private final IamClient iam;

  IamSteps(IamClient iam) {
    this.iam = Objects.requireNonNull(iam, "iam");
  }

  /**
   * The first managed policy ARN of the spec that IAM does not know, as the error to return; none
   * when all exist. ARNs already attached to the live user are not asked again.
   */
  Option<DeploymentError> missingManagedPolicy(AwsIamUserSpec spec, Option<LiveUser> live) {
    for (String arn : spec.getManagedPolicyArnsList()) {
      if (live.exists(u -> u.managedPolicyArns().contains(arn))) {
        continue;
      }
      try {
        iam.getPolicy(r -> r.policyArn(arn));
      } catch (NoSuchEntityException e) {
        LOG.info("managed policy {} does not exist; nothing is changed", arn);
        return Option.of(new DeploymentError.RejectedByAws("NoSuchEntity", arn,
            "managed policy " + arn + " does not exist (checked with GetPolicy before `pulumi up`; "
                + "nothing was created or changed)"));
      }
    }
    return Option.none();
  }

  /**
   * Deletes {@code previousKeyId} from {@code userName} if the user has it and it is not the key the
   * stack now owns. Returns whether a key was deleted.
   */
  boolean deleteKey(String userName, String previousKeyId, Option<String> currentKeyId) {
    if (currentKeyId.contains(previousKeyId)) {
      return false;
    }
    boolean present;
    try {
      present = iam.listAccessKeysPaginator(r -> r.userName(userName)).accessKeyMetadata().stream()
          .anyMatch(k -> k.accessKeyId().equals(previousKeyId));
    } catch (NoSuchEntityException e) {
      return false;
    }
    if (!present) {
      return false;
    }
    LOG.info("deleting access key {} of user {} (rename)", previousKeyId, userName);
    iam.deleteAccessKey(r -> r.userName(userName).accessKeyId(previousKeyId));
    return true;
  }

  /**
   * Removes from the live user what the spec does not ask for and the stack does not own: managed
   * policy attachments, inline policies and access keys other than {@code ownKeyId}. Returns what
   * was removed, in order.
   */
  Seq<Removed> removeOutOfBand(LiveUser live, AwsIamUserSpec spec, Option<String> ownKeyId) {
    String user = live.userName();
    List<Removed> removed = List.empty();
    for (String arn : live.managedPolicyArns()) {
      if (!spec.getManagedPolicyArnsList().contains(arn)) {
        ignoringGone(() -> iam.detachUserPolicy(r -> r.userName(user).policyArn(arn)));
        removed = removed.append(new Removed(ResourceKind.MANAGED_POLICY_ATTACHMENT, arn, true));
      }
    }
    for (String name : live.inlinePolicies().keySet()) {
      if (!spec.getInlinePoliciesMap().containsKey(name)) {
        ignoringGone(() -> iam.deleteUserPolicy(r -> r.userName(user).policyName(name)));
        removed = removed.append(new Removed(ResourceKind.INLINE_POLICY, name, true));
      }
    }
    for (LiveAccessKey key : live.accessKeys()) {
      if (!ownKeyId.contains(key.accessKeyId())) {
        ignoringGone(() -> iam.deleteAccessKey(r -> r.userName(user).accessKeyId(key.accessKeyId())));
        removed = removed.append(new Removed(ResourceKind.ACCESS_KEY, key.accessKeyId(), true));
      }
    }
    removed.forEach(r -> LOG.info("removed out-of-band {} {} from user {}", r.kind(), r.resource(), user));
    return removed;
  }

  private static void ignoringGone(Runnable call) {
    try {
      call.run();
    } catch (NoSuchEntityException e) {
      // already gone: the goal is reached
    }
  }
}
