#!/usr/bin/env python3
"""Probes an AWS emulator for the IAM, STS, Secrets Manager and CloudFormation behaviour iamkit relies on.

    python3 scripts/localstack/probe.py --endpoint http://127.0.0.1:PORT [--json FILE]

Uses boto3 with the emulator credentials test/test in us-east-1. Every check records what the emulator
answered (value or error code); nothing is judged against a hard-coded expectation except where AWS's
documented behaviour is printed beside it as "aws". Each run uses fresh names, so it can run twice
against the same emulator. Exit code 0 unless the emulator cannot be reached.
"""

import argparse
import json
import sys
import time
import uuid

import boto3
import botocore.config
from botocore.exceptions import ClientError, ParamValidationError

REGION = "us-east-1"
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"


def err(e):
    if isinstance(e, ClientError):
        return f"error {e.response['Error'].get('Code')}: {e.response['Error'].get('Message')}"
    text = str(e)
    if "500 Internal Server Error" in text:
        return f"error {type(e).__name__}: HTTP 500 Internal Server Error (HTML body, no AWS error)"
    return f"error {type(e).__name__}: {text}"


class Probe:
    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.results = []
        self.run = uuid.uuid4().hex[:6]
        self.session = boto3.session.Session(
            aws_access_key_id="test", aws_secret_access_key="test", region_name=REGION
        )
        cfg = botocore.config.Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=60)
        self.cfg = cfg
        self.iam = self.client("iam")
        self.sts = self.client("sts")
        self.sm = self.client("secretsmanager")
        self.cfn = self.client("cloudformation")

    def client(self, name, session=None):
        return (session or self.session).client(name, endpoint_url=self.endpoint, config=self.cfg)

    def record(self, check, got, aws=None):
        self.results.append({"check": check, "got": got, "aws": aws})
        line = f"{check}: {got}"
        if aws is not None:
            line += f"   [aws: {aws}]"
        print(line, flush=True)

    def attempt(self, check, fn, aws=None):
        try:
            got = fn()
        except (ClientError, ParamValidationError) as e:
            got = err(e)
        except Exception as e:  # an emulator crash must not end the probe
            got = err(e)
        self.record(check, got, aws)
        return got

    # --- IAM -----------------------------------------------------------------------------------------
    def iam_checks(self):
        iam = self.iam
        user = f"probe-{self.run}"
        self.user = user

        def create():
            u = iam.create_user(UserName=user, Path="/service-accounts/",
                                Tags=[{"Key": "Owner", "Value": "probe"}])["User"]
            return {"Arn": u["Arn"], "Path": u["Path"], "Tags": u.get("Tags")}
        self.attempt("iam create-user (path, tags)", create)
        self.attempt("iam get-policy ReadOnlyAccess",
                     lambda: iam.get_policy(PolicyArn=READ_ONLY)["Policy"]["Arn"],
                     aws="exists (AWS managed policy)")
        self.attempt("iam attach-user-policy ReadOnlyAccess",
                     lambda: (iam.attach_user_policy(UserName=user, PolicyArn=READ_ONLY),
                              [p["PolicyArn"] for p in
                               iam.list_attached_user_policies(UserName=user)["AttachedPolicies"]])[1])
        self.attempt("iam attach-user-policy of a non-existent AWS managed policy",
                     lambda: iam.attach_user_policy(UserName=user,
                                                    PolicyArn="arn:aws:iam::aws:policy/IamkitNoSuchPolicy")
                     and "accepted",
                     aws="NoSuchEntity")

        doc = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"],
                                                       "Resource": "arn:aws:s3:::bucket/a b+c*"}]}
        raw = {}

        def grab(http_response, **_):
            raw["body"] = http_response.text
        iam.meta.events.register("after-call.iam.GetUserPolicy", grab)

        def put_get():
            iam.put_user_policy(UserName=user, PolicyName="Inline1", PolicyDocument=json.dumps(doc))
            parsed = iam.get_user_policy(UserName=user, PolicyName="Inline1")["PolicyDocument"]
            body = raw.get("body", "")
            start = body.find("<PolicyDocument>") + len("<PolicyDocument>")
            wire = body[start:body.find("</PolicyDocument>")]
            return {"wire_document_url_encoded": wire.startswith("%7B"), "wire_prefix": wire[:40],
                    "boto3_decoded_equal": parsed == doc}
        self.attempt("iam put-user-policy + get-user-policy", put_get,
                     aws="wire document URL-encoded (%7B...)")

        self.attempt("iam put-user-policy malformed (Effect Maybe)",
                     lambda: iam.put_user_policy(
                         UserName=user, PolicyName="Bad",
                         PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
                             {"Effect": "Maybe", "Action": "s3:*", "Resource": "*"}]})) and "accepted",
                     aws="MalformedPolicyDocument")
        big = {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject",
             "Resource": [f"arn:aws:s3:::bucket-{i:04d}/*" for i in range(80)]}]}
        self.attempt(f"iam put-user-policy of {len(json.dumps(big, separators=(',', ':')))} chars",
                     lambda: iam.put_user_policy(UserName=user, PolicyName="Big",
                                                 PolicyDocument=json.dumps(big)) and "accepted",
                     aws="LimitExceeded (aggregate inline > 2048 chars)")

        self.key = None

        def key():
            k = iam.create_access_key(UserName=user)["AccessKey"]
            self.key = k
            return {"AccessKeyId": k["AccessKeyId"][:4] + "...", "Status": k["Status"],
                    "has_secret": bool(k.get("SecretAccessKey"))}
        self.attempt("iam create-access-key", key)
        self.attempt("iam tag-user + list-user-tags",
                     lambda: (iam.tag_user(UserName=user, Tags=[{"Key": "Team", "Value": "platform"}]),
                              sorted((t["Key"], t["Value"]) for t in
                                     iam.list_user_tags(UserName=user)["Tags"]))[1])
        self.attempt("iam tag-user with aws: prefix",
                     lambda: iam.tag_user(UserName=user, Tags=[{"Key": "aws:x", "Value": "v"}])
                     and "accepted", aws="InvalidInput")
        self.attempt("iam put-user-permissions-boundary ReadOnlyAccess + get-user",
                     lambda: (iam.put_user_permissions_boundary(UserName=user,
                                                                PermissionsBoundary=READ_ONLY),
                              iam.get_user(UserName=user)["User"].get("PermissionsBoundary"))[1],
                     aws="boundary returned by GetUser")

        # names
        self.attempt("iam create-user 'bad name!'",
                     lambda: iam.create_user(UserName=f"bad name! {self.run}") and "accepted",
                     aws="ValidationError")
        self.attempt("iam create-user of 65 chars",
                     lambda: iam.create_user(UserName=self.run + "u" * 59) and "accepted",
                     aws="ValidationError")
        self.attempt("iam create-user differing only in case",
                     lambda: iam.create_user(UserName=user.upper()) and "accepted",
                     aws="EntityAlreadyExists")
        self.attempt("iam create-user path 'no-slashes'",
                     lambda: iam.create_user(UserName=f"path-{self.run}", Path="no-slashes")
                     and "accepted", aws="ValidationError")

        # STS
        def sts_as_user():
            if not self.key:
                return "skipped: no key"
            s = boto3.session.Session(aws_access_key_id=self.key["AccessKeyId"],
                                      aws_secret_access_key=self.key["SecretAccessKey"],
                                      region_name=REGION)
            ident = self.client("sts", s).get_caller_identity()
            return {"Arn": ident["Arn"], "Account": ident["Account"], "UserId": ident["UserId"]}
        self.attempt("sts get-caller-identity with the created key", sts_as_user,
                     aws="the user's ARN")
        self.attempt("sts get-caller-identity with test/test",
                     lambda: self.sts.get_caller_identity()["Arn"])

        # delete with dependants
        self.attempt("iam delete-user with policies and key still present",
                     lambda: iam.delete_user(UserName=user) and "deleted", aws="DeleteConflict")

    # --- checks tied to iamkit's cases (C-01, C-03, C-04, C-10) --------------------------------------
    def case_checks(self):
        iam = self.iam
        for name in ("IAMUserChangePassword", "AdministratorAccess"):
            self.attempt(f"iam get-policy {name} (C-01/C-10)",
                         lambda n=name: iam.get_policy(PolicyArn=f"arn:aws:iam::aws:policy/{n}")
                         ["Policy"]["Arn"], aws="exists")
        old, new = f"ren-{self.run}", f"renamed-{self.run}"

        def rename():
            iam.create_user(UserName=old)
            iam.put_user_policy(UserName=old, PolicyName="P", PolicyDocument=json.dumps(
                {"Version": "2012-10-17",
                 "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}))
            k = iam.create_access_key(UserName=old)["AccessKey"]
            iam.update_user(UserName=old, NewUserName=new)
            try:
                iam.get_user(UserName=old)
                old_after = "old name still exists"
            except ClientError as e:
                old_after = e.response["Error"]["Code"]
            s = boto3.session.Session(aws_access_key_id=k["AccessKeyId"],
                                      aws_secret_access_key=k["SecretAccessKey"], region_name=REGION)
            return {"old_name": old_after,
                    "policies_on_new": iam.list_user_policies(UserName=new)["PolicyNames"],
                    "keys_on_new": len(iam.list_access_keys(UserName=new)["AccessKeyMetadata"]),
                    "sts_with_old_key": self.client("sts", s).get_caller_identity()["Arn"]}
        self.attempt("iam update-user NewUserName (C-03)", rename,
                     aws="old NoSuchEntity; policy and key move; STS shows the new name")

        def inactive_key():
            iam.create_user(UserName=f"inact-{self.run}")
            k = iam.create_access_key(UserName=f"inact-{self.run}")["AccessKey"]
            iam.update_access_key(UserName=f"inact-{self.run}", AccessKeyId=k["AccessKeyId"],
                                  Status="Inactive")
            status = iam.list_access_keys(UserName=f"inact-{self.run}")["AccessKeyMetadata"][0]["Status"]
            s = boto3.session.Session(aws_access_key_id=k["AccessKeyId"],
                                      aws_secret_access_key=k["SecretAccessKey"], region_name=REGION)
            try:
                sts = "accepted: " + self.client("sts", s).get_caller_identity()["Arn"]
            except ClientError as e:
                sts = e.response["Error"]["Code"]
            return {"status": status, "sts_with_inactive_key": sts}
        self.attempt("iam update-access-key Inactive, then STS with it (C-04)", inactive_key,
                     aws="Inactive; STS InvalidClientTokenId")

    # --- Secrets Manager ---------------------------------------------------------------------------------
    def secrets_checks(self):
        sm = self.sm
        name = f"iamkit/probe/{self.run}"

        def cycle():
            arn = sm.create_secret(Name=name, SecretString='{"k":"v"}')["ARN"]
            value = sm.get_secret_value(SecretId=name)["SecretString"]
            sm.delete_secret(SecretId=name, ForceDeleteWithoutRecovery=True)
            try:
                sm.describe_secret(SecretId=name)
                after = "still describable"
            except ClientError as e:
                after = e.response["Error"]["Code"]
            return {"arn_prefix": arn.split(":secret:")[0], "value_round_trip": value == '{"k":"v"}',
                    "after_force_delete": after}
        self.attempt("secretsmanager create/get/delete(ForceDeleteWithoutRecovery)", cycle,
                     aws="ResourceNotFoundException after force delete")

        def pending():
            pname = f"iamkit/pending/{self.run}"
            sm.create_secret(Name=pname, SecretString="x")
            sm.delete_secret(SecretId=pname, RecoveryWindowInDays=7)
            d = sm.describe_secret(SecretId=pname)
            try:
                sm.create_secret(Name=pname, SecretString="y")
                recreate = "accepted"
            except ClientError as e:
                recreate = e.response["Error"]["Code"]
            sm.delete_secret(SecretId=pname, ForceDeleteWithoutRecovery=True)
            try:
                sm.describe_secret(SecretId=pname)
                after = "still describable"
            except ClientError as e:
                after = e.response["Error"]["Code"]
            return {"DeletedDate_set": "DeletedDate" in d, "create_same_name_while_pending": recreate,
                    "force_delete_of_pending": after}
        self.attempt("secretsmanager pending deletion (C-11)", pending,
                     aws="create while pending: InvalidRequestException; force delete then removes it")

    # --- CloudFormation -------------------------------------------------------------------------------
    def cfn_checks(self):
        cfn, iam = self.cfn, self.iam
        stack = f"iamkit-probe-{self.run}"
        user = f"cfn-{self.run}"
        template = {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {
                "User": {"Type": "AWS::IAM::User", "Properties": {
                    "UserName": user, "Path": "/service-accounts/",
                    "ManagedPolicyArns": [READ_ONLY],
                    "Policies": [{"PolicyName": "FromUserProps", "PolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}}],
                    "Tags": [{"Key": "Owner", "Value": "cfn-probe"}]}},
                "Inline": {"Type": "AWS::IAM::Policy", "Properties": {
                    "PolicyName": "FromPolicyResource", "Users": [{"Ref": "User"}],
                    "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                        {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}]}}},
                "Key": {"Type": "AWS::IAM::AccessKey", "Properties": {"UserName": {"Ref": "User"}}},
                "KeySecret": {"Type": "AWS::SecretsManager::Secret", "Properties": {
                    "Name": f"iamkit/cfn/{self.run}",
                    "SecretString": {"Fn::Sub": [
                        '{"AccessKeyId":"${Id}","SecretAccessKey":"${Secret}"}',
                        {"Id": {"Ref": "Key"}, "Secret": {"Fn::GetAtt": ["Key", "SecretAccessKey"]}}]}}},
            },
            "Outputs": {"UserArn": {"Value": {"Fn::GetAtt": ["User", "Arn"]}},
                        "AccessKeyId": {"Value": {"Ref": "Key"}}},
        }

        self.attempt("cfn create-change-set without ChangeSetType on a new stack",
                     lambda: cfn.create_change_set(StackName=f"{stack}-nodefault", ChangeSetName="cs",
                                                   TemplateBody=json.dumps(template)) and "accepted",
                     aws="ValidationError (default type UPDATE needs an existing stack)")

        def wait_cs(name):
            for _ in range(120):
                d = cfn.describe_change_set(StackName=stack, ChangeSetName=name)
                if d["Status"] in ("CREATE_COMPLETE", "FAILED"):
                    return d
                time.sleep(0.5)
            return d

        def wait_stack(ok):
            for _ in range(240):
                s = cfn.describe_stacks(StackName=stack)["Stacks"][0]
                if not s["StackStatus"].endswith("IN_PROGRESS"):
                    return s
                time.sleep(0.5)
            return s

        def create():
            t0 = time.monotonic()
            cfn.create_change_set(StackName=stack, ChangeSetName="create", ChangeSetType="CREATE",
                                  TemplateBody=json.dumps(template), Capabilities=["CAPABILITY_NAMED_IAM"])
            d = wait_cs("create")
            changes = sorted((c["ResourceChange"]["Action"], c["ResourceChange"]["LogicalResourceId"])
                             for c in d.get("Changes", []))
            if d["Status"] != "CREATE_COMPLETE":
                return {"change_set": d["Status"], "reason": d.get("StatusReason")}
            cfn.execute_change_set(StackName=stack, ChangeSetName="create")
            s = wait_stack("CREATE_COMPLETE")
            out = {o["OutputKey"]: o["OutputValue"] for o in s.get("Outputs", [])}
            return {"change_set_changes": changes, "stack": s["StackStatus"],
                    "reason": s.get("StackStatusReason"),
                    "outputs": sorted(out), "seconds": round(time.monotonic() - t0, 1)}
        self.updated_template = template
        self.attempt("cfn create-change-set CREATE + execute", create)

        self.attempt("cfn -> iam get-user (path, tags)",
                     lambda: (lambda u: {"Path": u["Path"], "Tags": u.get("Tags")})(
                         iam.get_user(UserName=user)["User"]))
        self.attempt("cfn -> iam list-user-tags",
                     lambda: iam.list_user_tags(UserName=user)["Tags"], aws="[Owner=cfn-probe]")
        self.attempt("cfn -> iam ManagedPolicyArns honoured",
                     lambda: [p["PolicyArn"] for p in
                              iam.list_attached_user_policies(UserName=user)["AttachedPolicies"]],
                     aws=f"[{READ_ONLY}]")
        self.attempt("cfn -> iam inline policies (User.Policies + AWS::IAM::Policy)",
                     lambda: sorted(iam.list_user_policies(UserName=user)["PolicyNames"]),
                     aws="[FromPolicyResource, FromUserProps]")
        self.attempt("cfn -> iam access keys",
                     lambda: len(iam.list_access_keys(UserName=user)["AccessKeyMetadata"]), aws="1")

        def secret():
            v = json.loads(self.sm.get_secret_value(SecretId=f"iamkit/cfn/{self.run}")["SecretString"])
            keys = iam.list_access_keys(UserName=user)["AccessKeyMetadata"]
            return {"id_matches_iam_key": bool(keys) and v.get("AccessKeyId") == keys[0]["AccessKeyId"],
                    "secret_present": bool(v.get("SecretAccessKey"))}
        self.attempt("cfn -> secretsmanager secret holds the key", secret)

        def stack_resources():
            return sorted((r["LogicalResourceId"], r["ResourceStatus"]) for r in
                          cfn.describe_stack_resources(StackName=stack)["StackResources"])
        self.attempt("cfn describe-stack-resources", stack_resources)

        def update():
            t2 = json.loads(json.dumps(template))
            t2["Resources"]["User"]["Properties"]["Tags"] = [{"Key": "Owner", "Value": "changed"}]
            self.updated_template = t2
            cfn.create_change_set(StackName=stack, ChangeSetName="update", ChangeSetType="UPDATE",
                                  TemplateBody=json.dumps(t2), Capabilities=["CAPABILITY_NAMED_IAM"])
            d = wait_cs("update")
            changes = [(c["ResourceChange"]["Action"], c["ResourceChange"]["LogicalResourceId"],
                        c["ResourceChange"].get("Replacement")) for c in d.get("Changes", [])]
            if d["Status"] != "CREATE_COMPLETE":
                return {"change_set": d["Status"], "reason": d.get("StatusReason"), "changes": changes}
            cfn.execute_change_set(StackName=stack, ChangeSetName="update")
            s = wait_stack("UPDATE_COMPLETE")
            return {"changes": changes, "stack": s["StackStatus"],
                    "tags_after": iam.list_user_tags(UserName=user)["Tags"]}
        self.attempt("cfn update change set (tag value changed)", update,
                     aws="Modify User, Replacement False; tag updated")

        def unchanged():
            # the template now deployed (after the update above), submitted again unchanged
            cfn.create_change_set(StackName=stack, ChangeSetName="same", ChangeSetType="UPDATE",
                                  TemplateBody=json.dumps(self.updated_template),
                                  Capabilities=["CAPABILITY_NAMED_IAM"])
            d = wait_cs("same")
            return {"status": d["Status"], "reason": d.get("StatusReason"),
                    "changes": len(d.get("Changes", []))}
        self.attempt("cfn change set with no changes", unchanged,
                     aws="FAILED, \"The submitted information didn't contain changes...\"")

        def noop_update_stack():
            cfn.update_stack(StackName=stack, TemplateBody=json.dumps(self.updated_template),
                             Capabilities=["CAPABILITY_NAMED_IAM"])
            return "accepted, stack " + wait_stack("UPDATE_COMPLETE")["StackStatus"]
        self.attempt("cfn update-stack with an unchanged template (C-09)", noop_update_stack,
                     aws="ValidationError: No updates are to be performed.")

        def drift():
            did = cfn.detect_stack_drift(StackName=stack)["StackDriftDetectionId"]
            for _ in range(60):
                d = cfn.describe_stack_drift_detection_status(StackDriftDetectionId=did)
                if d["DetectionStatus"] != "DETECTION_IN_PROGRESS":
                    return {"status": d["DetectionStatus"], "drift": d.get("StackDriftStatus")}
                time.sleep(0.5)
            return "timeout"
        self.attempt("cfn detect-stack-drift", drift)

        def delete():
            stack_id = cfn.describe_stacks(StackName=stack)["Stacks"][0]["StackId"]
            cfn.delete_stack(StackName=stack)
            for _ in range(240):
                try:
                    # by id: a deleted stack stays describable by its id, with its final status
                    s = cfn.describe_stacks(StackName=stack_id)["Stacks"][0]["StackStatus"]
                except ClientError as e:
                    s = e.response["Error"]["Code"]
                if not s.endswith("IN_PROGRESS"):
                    break
                time.sleep(0.5)
            try:
                iam.get_user(UserName=user)
                left = "user still exists"
            except ClientError as e:
                left = e.response["Error"]["Code"]
            return {"stack": s, "user_after": left}
        self.attempt("cfn delete-stack", delete, aws="DELETE_COMPLETE, NoSuchEntity")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--json", help="also write the results to this file")
    args = ap.parse_args()
    if not args.endpoint.startswith(("http://127.", "http://localhost")):
        sys.exit("only loopback endpoints are probed")
    p = Probe(args.endpoint)
    try:
        p.sts.get_caller_identity()
    except Exception as e:
        sys.exit(f"emulator at {args.endpoint} not reachable: {e}")
    p.iam_checks()
    p.case_checks()
    p.secrets_checks()
    p.cfn_checks()
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"endpoint": args.endpoint, "results": p.results}, f, indent=2, default=str)


if __name__ == "__main__":
    main()
