package io.iamkit.backend.cloudformation;

import io.vavr.control.Option;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;

/**
 * A change set as the backend settled it: addressed by the ARN {@code CreateChangeSet} returned
 * (moto resolves change-set names across all stacks), with its type, final status and changes.
 *
 * @param arn     the change set's ARN; none when {@code CreateChangeSet} itself answered
 *                "No updates are to be performed"
 * @param stackId the stack it belongs to
 * @param type    CREATE or UPDATE, always sent explicitly
 * @param status  {@code CREATE_COMPLETE} or {@code FAILED}
 * @param reason  CloudFormation's status reason, empty when none
 * @param changes every change, all pages
 */
record ChangeSet(Option<String> arn, String stackId, ChangeSetType type, String status, String reason,
    List<Change> changes) {

  ChangeSet {
    changes = List.copyOf(changes);
  }

  /**
   * True when there is nothing to execute, however the service said so: a FAILED change set whose
   * reason says it holds no changes (AWS, LocalStack, moto), "No updates are to be performed", or
   * a change set that completed with no changes at all.
   */
  boolean empty() {
    return ("FAILED".equals(status) && isNoChangeReason(reason))
        || ("CREATE_COMPLETE".equals(status) && changes.isEmpty());
  }

  /** True when CloudFormation refused the change set for a reason other than "no changes". */
  boolean failed() {
    return "FAILED".equals(status) && !isNoChangeReason(reason);
  }

  static boolean isNoChangeReason(String reason) {
    String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
    return r.contains("didn't contain changes") || r.contains("no updates are to be performed");
  }
}
