package io.iamkit.backend.cloudformation;

import io.iamkit.api.Change;
import io.iamkit.api.Plan;
import io.iamkit.api.state.LiveUser;
import io.iamkit.backend.cloudformation.internal.SynthesizedStack;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;

/**
 * Everything an apply of one user would do, worked out before anything is changed: the stack as it
 * is, the template to deploy, the change set CloudFormation made for it, and the differences
 * CloudFormation will not handle ({@link Reconcile}).
 *
 * @param deployed       whether a deployed stack exists (UPDATE), else the change set is a CREATE
 * @param previous       what the deployed stack's template declares
 * @param synthesized    the template to deploy
 * @param next           what it declares
 * @param resources      the deployed stack's resources by logical id (empty for a create)
 * @param ownUser        the user the deployed stack holds (its physical id)
 * @param ownKey         the access key the deployed stack holds
 * @param live           that user as IAM has it now
 * @param changeSet      the change set; none where none could be made (a preview of a stack that
 *                       apply would delete and create again)
 * @param cloudFormation the changes the change set makes
 * @param routed         what IAM calls of the backend's own do
 * @param notes          remarks for a person
 */
record Prepared(
    boolean deployed,
    Option<Declared> previous,
    SynthesizedStack synthesized,
    Declared next,
    Map<String, StackResourceSummary> resources,
    Option<String> ownUser,
    Option<String> ownKey,
    Option<LiveUser> live,
    Option<ChangeSet> changeSet,
    Seq<Change> cloudFormation,
    Reconcile.Routed routed,
    Seq<String> notes) {

  /** The plan in the order apply makes it: out-of-band removals, the change set, restores. */
  Plan plan(String userName) {
    return new Plan(userName, List.<Change>empty().appendAll(routed.outOfBand())
        .appendAll(cloudFormation).appendAll(routed.restores()));
  }

  /** Whether the change set holds changes to execute. */
  boolean executes() {
    return changeSet.exists(cs -> !cs.empty() && !cs.failed() && cs.arn().isDefined());
  }

  static Option<String> physicalId(Map<String, StackResourceSummary> resources, String logicalId) {
    return Option.of(resources.get(logicalId))
        .filter(r -> !"CREATE_FAILED".equals(r.resourceStatusAsString())
            && !"DELETE_COMPLETE".equals(r.resourceStatusAsString()))
        .flatMap(r -> Option.of(r.physicalResourceId())).filter(id -> !id.isEmpty());
  }
}
