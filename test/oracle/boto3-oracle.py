#!/usr/bin/env python3
"""A second, independent judge of the emulator's wire format: Python's boto3.

botocore's serializers, signer and parsers share nothing with the JavaScript SDK, so a wire mistake
that both happen to accept is unlikely. This script drives every operation of the emulator's model
closure and provokes every error each one models (plus the front end's unmodelled ones), checking
statuses, modelled exception classes, parsed members and lifecycle states. It prints the checked
`Operation:Outcome` pairs as JSON on stdout; the vitest test compares them with the model.

Environment: EMULATOR_URL, EMULATOR_CONTROL_TOKEN, AWS_DATA_PATH (the carried model), fake keys.
The emulator's clock is moved forward with `clock-skew` faults (cumulative), never by sleeping.
"""

import json
import os
import sys
import urllib.request
from datetime import datetime

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

URL = os.environ["EMULATOR_URL"]
TOKEN = os.environ["EMULATOR_CONTROL_TOKEN"]
DELAY_MS = int(os.environ["EMULATOR_DELAY_MS"])
ROLE = "arn:aws:iam::123456789012:role/AgentRuntimeRole"
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:v1"

checked = set()
skew_ms = 0


def client(region="us-east-1", validate=True, key="AKIDSANDBOXEXAMPLE", service="bedrock-agentcore-control"):
    session = boto3.session.Session(
        aws_access_key_id=key,
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
        region_name=region,
    )
    config = Config(retries={"total_max_attempts": 1, "mode": "standard"}, parameter_validation=validate)
    return session.client(service, endpoint_url=URL, config=config)


def control(method, path, body=None):
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(URL + path, data=data, method=method, headers={"x-emulator-control-token": TOKEN, "content-type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        assert answer.status == 200, answer.status


def inject(fault):
    control("POST", "/__emulator/faults", fault)


def advance():
    """Moves the emulator's clock past one create/update/delete delay (from its next request on)."""
    global skew_ms
    skew_ms += DELAY_MS
    inject({"kind": "clock-skew", "ms": skew_ms})


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def ok(operation, answer, status):
    code = answer["ResponseMetadata"]["HTTPStatusCode"]
    check(code == status, f"{operation}: HTTP {code}, expected {status}")
    checked.add(f"{operation}:ok")
    return answer


def fails(operation, code, status, call, modelled=True, message=None):
    """Runs `call`, which must fail with error `code` and HTTP `status`, as botocore's modelled class when modelled."""
    try:
        call()
    except ClientError as error:
        got = error.response["Error"]["Code"]
        http = error.response["ResponseMetadata"]["HTTPStatusCode"]
        check(got == code, f"{operation}: error {got}, expected {code}")
        check(http == status, f"{operation}: HTTP {http} for {code}, expected {status}")
        check(len(error.response["ResponseMetadata"].get("RequestId", "")) == 36, f"{operation}: no request id on {code}")
        # botocore makes one class per modelled error, named after it; anything else stays a plain ClientError.
        expected_class = code if modelled else "ClientError"
        check(type(error).__name__ == expected_class, f"{operation}: {code} parsed as {type(error).__name__}, expected {expected_class}")
        if message is not None:
            check(message in error.response["Error"]["Message"], f"{operation}: message {error.response['Error']['Message']!r} lacks {message!r}")
        checked.add(f"{operation}:{code}")
        return error
    raise AssertionError(f"{operation}: succeeded, expected {code}")


def create_request(name, **extra):
    return dict(agentRuntimeName=name, agentRuntimeArtifact={"containerConfiguration": {"containerUri": IMAGE}}, roleArn=ROLE, networkConfiguration={"networkMode": "PUBLIC"}, **extra)


def update_request(runtime_id, image=IMAGE, **extra):
    return dict(agentRuntimeId=runtime_id, agentRuntimeArtifact={"containerConfiguration": {"containerUri": image}}, roleArn=ROLE, networkConfiguration={"networkMode": "PUBLIC"}, **extra)


def lifecycle(c):
    created = ok("CreateAgentRuntime", c.create_agent_runtime(**create_request("oracle_agent", platformVersion="2026.1")), 202)
    runtime_id = created["agentRuntimeId"]
    check(created["status"] == "CREATING" and created["agentRuntimeVersion"] == "1", f"create answered {created['status']} v{created['agentRuntimeVersion']}")
    check(created["agentRuntimeArn"] == f"arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/{runtime_id}", created["agentRuntimeArn"])
    check(isinstance(created["createdAt"], datetime), "createdAt not parsed as a timestamp")
    got = ok("GetAgentRuntime", c.get_agent_runtime(agentRuntimeId=runtime_id), 200)
    check(got["status"] == "CREATING" and got["platformVersion"] == "2026.1", f"get: {got['status']} {got.get('platformVersion')}")
    advance()
    check(c.get_agent_runtime(agentRuntimeId=runtime_id)["status"] == "READY", "not READY after the delay")

    listed = ok("ListAgentRuntimes", c.list_agent_runtimes(), 200)
    summary = listed["agentRuntimes"][0]
    # Created without a description: the summary has none (the model bounds it to at least one character).
    check(set(summary) == {"agentRuntimeArn", "agentRuntimeId", "agentRuntimeVersion", "agentRuntimeName", "lastUpdatedAt", "status"}, f"summary members {sorted(summary)}")

    updated = ok("UpdateAgentRuntime", c.update_agent_runtime(**update_request(runtime_id, IMAGE.replace(":v1", ":v2"), description="second")), 202)
    check(updated["agentRuntimeVersion"] == "2" and updated["status"] == "UPDATING", f"update answered {updated['status']} v{updated['agentRuntimeVersion']}")
    fails("UpdateAgentRuntime", "ConflictException", 409, lambda: c.update_agent_runtime(**update_request(runtime_id)))
    advance()
    now = c.get_agent_runtime(agentRuntimeId=runtime_id)
    check(now["status"] == "READY" and now["agentRuntimeVersion"] == "2" and now["description"] == "second", f"after update: {now['status']} v{now['agentRuntimeVersion']}")
    check(c.get_agent_runtime(agentRuntimeId=runtime_id, agentRuntimeVersion="1")["agentRuntimeArtifact"]["containerConfiguration"]["containerUri"] == IMAGE, "version 1 lost its image")
    fails("GetAgentRuntime", "ResourceNotFoundException", 404, lambda: c.get_agent_runtime(agentRuntimeId=runtime_id, agentRuntimeVersion="9"), message="Version 9")

    c.update_agent_runtime(**update_request(runtime_id, IMAGE.replace(":v1", ":fail-v3")))
    advance()
    failed = c.get_agent_runtime(agentRuntimeId=runtime_id)
    check(failed["status"] == "UPDATE_FAILED" and "UPDATE_FAILED" in failed["failureReason"], f"update rule: {failed['status']}")

    versions, token = [], None
    while True:
        page = ok("ListAgentRuntimeVersions", c.list_agent_runtime_versions(agentRuntimeId=runtime_id, maxResults=2, **({} if token is None else {"nextToken": token})), 200)
        versions += [v["agentRuntimeVersion"] for v in page["agentRuntimes"]]
        token = page.get("nextToken")
        if token is None:
            break
    check(versions == ["3", "2", "1"], f"versions {versions}")
    # A versioned delete removes that version only; the DEFAULT endpoint's (the newest) is refused.
    one = ok("DeleteAgentRuntime", c.delete_agent_runtime(agentRuntimeId=runtime_id, agentRuntimeVersion="1"), 202)
    check(one["agentRuntimeVersion"] == "1", f"versioned delete answered v{one.get('agentRuntimeVersion')}")
    left = [v["agentRuntimeVersion"] for v in c.list_agent_runtime_versions(agentRuntimeId=runtime_id)["agentRuntimes"]]
    check(left == ["3", "2"], f"versions after deleting 1: {left}")
    fails("DeleteAgentRuntime", "ConflictException", 409, lambda: c.delete_agent_runtime(agentRuntimeId=runtime_id, agentRuntimeVersion="3"), message="DEFAULT")
    return runtime_id


def failures_and_deletion(c):
    doomed = c.create_agent_runtime(**create_request("fail_agent"))["agentRuntimeId"]
    kept = c.create_agent_runtime(**create_request("keep_agent"))["agentRuntimeId"]
    advance()
    check(c.get_agent_runtime(agentRuntimeId=doomed)["status"] == "CREATE_FAILED", "fail… did not end in CREATE_FAILED")

    deleted = ok("DeleteAgentRuntime", c.delete_agent_runtime(agentRuntimeId=doomed), 202)
    check(deleted["status"] == "DELETING", f"delete answered {deleted['status']}")
    check(c.get_agent_runtime(agentRuntimeId=doomed)["status"] == "DELETING", "not DELETING during the delay")
    fails("DeleteAgentRuntime", "ConflictException", 409, lambda: c.delete_agent_runtime(agentRuntimeId=doomed))
    c.delete_agent_runtime(agentRuntimeId=kept)
    advance()
    fails("GetAgentRuntime", "ResourceNotFoundException", 404, lambda: c.get_agent_runtime(agentRuntimeId=doomed))
    fails("DeleteAgentRuntime", "ResourceNotFoundException", 404, lambda: c.delete_agent_runtime(agentRuntimeId=doomed))
    kept_now = c.get_agent_runtime(agentRuntimeId=kept)
    check(kept_now["status"] == "DELETE_FAILED" and "DELETE_FAILED" in kept_now["failureReason"], f"keep…: {kept_now['status']}")


def modelled_errors(c, runtime_id):
    loose = client(validate=False)
    fails("CreateAgentRuntime", "ConflictException", 409, lambda: c.create_agent_runtime(**create_request("oracle_agent")))
    token = "oracle-token-0123456789abcdef0123456789"
    c.create_agent_runtime(**create_request("token_agent"), clientToken=token)
    mismatch = fails("CreateAgentRuntime", "ValidationException", 400, lambda: c.create_agent_runtime(**create_request("token_agent", description="other"), clientToken=token))
    check(mismatch.response["reason"] == "IdempotentParameterMismatchException", f"token reuse: {mismatch.response}")
    error = fails("CreateAgentRuntime", "ValidationException", 400, lambda: c.create_agent_runtime(**create_request("bad-name")))
    check(error.response["reason"] == "FieldValidationFailed" and error.response["fieldList"][0]["name"] == "agentRuntimeName", f"validation members {error.response}")
    fails("UpdateAgentRuntime", "ValidationException", 400, lambda: loose.update_agent_runtime(**update_request(runtime_id, capacityProviderConfiguration={})), message="capacityProviderArn")
    fails("UpdateAgentRuntime", "ResourceNotFoundException", 404, lambda: c.update_agent_runtime(**update_request("nobody-abcdefghij")))
    fails("GetAgentRuntime", "ValidationException", 400, lambda: c.get_agent_runtime(agentRuntimeId="not valid!"))
    fails("ListAgentRuntimes", "ValidationException", 400, lambda: c.list_agent_runtimes(nextToken="forged"))
    fails("ListAgentRuntimeVersions", "ValidationException", 400, lambda: c.list_agent_runtime_versions(agentRuntimeId=runtime_id, nextToken="forged"))
    fails("ListAgentRuntimeVersions", "ResourceNotFoundException", 404, lambda: c.list_agent_runtime_versions(agentRuntimeId="nobody-abcdefghij"))
    # The quota (maxRuntimes) counts this region's runtimes: fill it, then one more.
    for index in range(10):
        try:
            c.create_agent_runtime(**create_request(f"quota_{index}"))
        except ClientError as caught:
            check(caught.response["Error"]["Code"] == "ServiceQuotaExceededException", f"quota: {caught.response['Error']['Code']}")
            check(isinstance(caught, c.exceptions.ServiceQuotaExceededException) and caught.response["ResponseMetadata"]["HTTPStatusCode"] == 402, "quota class/status")
            checked.add("CreateAgentRuntime:ServiceQuotaExceededException")
            break
    else:
        raise AssertionError("the quota never ran out")

    # The errors no request can provoke honestly are injected, per operation, and must parse as their classes.
    calls = {
        "CreateAgentRuntime": lambda: c.create_agent_runtime(**create_request("injected")),
        "GetAgentRuntime": lambda: c.get_agent_runtime(agentRuntimeId=runtime_id),
        "UpdateAgentRuntime": lambda: c.update_agent_runtime(**update_request(runtime_id)),
        "ListAgentRuntimes": lambda: c.list_agent_runtimes(),
        "ListAgentRuntimeVersions": lambda: c.list_agent_runtime_versions(agentRuntimeId=runtime_id),
        "DeleteAgentRuntime": lambda: c.delete_agent_runtime(agentRuntimeId=runtime_id),
    }
    injected = {"AccessDeniedException": 403, "ThrottlingException": 429, "InternalServerException": 500}
    model = c.meta.service_model
    for operation, call in calls.items():
        errors = {shape.name for shape in model.operation_model(operation).error_shapes}
        for code, status in injected.items():
            if code in errors:
                inject({"kind": "status", "status": status, "errorType": code, "operation": operation})
                fails(operation, code, status, call)
    inject({"kind": "status", "status": 402, "errorType": "ServiceQuotaExceededException", "operation": "UpdateAgentRuntime"})
    fails("UpdateAgentRuntime", "ServiceQuotaExceededException", 402, calls["UpdateAgentRuntime"])
    inject({"kind": "status", "status": 503, "operation": "ListAgentRuntimes"})
    fails("front end", "ServiceUnavailableException", 503, calls["ListAgentRuntimes"], modelled=False)


def endpoints(c, runtime_id):
    """Endpoint lifecycle on a runtime with versions 2 and 3 (3 failed) and a new READY 4: pin, promote, DEFAULT's refusals, deletion."""
    c.update_agent_runtime(**update_request(runtime_id, IMAGE.replace(":v1", ":v4")))
    advance()
    created = ok("CreateAgentRuntimeEndpoint", c.create_agent_runtime_endpoint(agentRuntimeId=runtime_id, name="prod", agentRuntimeVersion="2"), 202)
    check(created["status"] == "CREATING" and created["targetVersion"] == "2" and created["agentRuntimeEndpointArn"].endswith("/runtime-endpoint/prod"), f"create endpoint: {created}")
    fails("CreateAgentRuntimeEndpoint", "ConflictException", 409, lambda: c.create_agent_runtime_endpoint(agentRuntimeId=runtime_id, name="prod"))
    fails("CreateAgentRuntimeEndpoint", "ValidationException", 400, lambda: c.create_agent_runtime_endpoint(agentRuntimeId=runtime_id, name="bad-name"))
    fails("CreateAgentRuntimeEndpoint", "ResourceNotFoundException", 404, lambda: c.create_agent_runtime_endpoint(agentRuntimeId=runtime_id, name="later", agentRuntimeVersion="9"))
    got = ok("GetAgentRuntimeEndpoint", c.get_agent_runtime_endpoint(agentRuntimeId=runtime_id, endpointName="prod"), 200)
    check(got["status"] == "CREATING" and got.get("liveVersion") is None, f"get endpoint while creating: {got}")
    fails("UpdateAgentRuntimeEndpoint", "ConflictException", 409, lambda: c.update_agent_runtime_endpoint(agentRuntimeId=runtime_id, endpointName="prod", agentRuntimeVersion="4"))
    advance()
    check(c.get_agent_runtime_endpoint(agentRuntimeId=runtime_id, endpointName="prod")["liveVersion"] == "2", "prod does not serve version 2")
    fails("DeleteAgentRuntime", "ConflictException", 409, lambda: c.delete_agent_runtime(agentRuntimeId=runtime_id, agentRuntimeVersion="2"), message="endpoint prod")
    updated = ok("UpdateAgentRuntimeEndpoint", c.update_agent_runtime_endpoint(agentRuntimeId=runtime_id, endpointName="prod", agentRuntimeVersion="4"), 202)
    check(updated["status"] == "UPDATING" and updated["liveVersion"] == "2" and updated["targetVersion"] == "4", f"update endpoint: {updated}")
    fails("UpdateAgentRuntimeEndpoint", "ValidationException", 400, lambda: c.update_agent_runtime_endpoint(agentRuntimeId=runtime_id, endpointName="DEFAULT", agentRuntimeVersion="1"), message="DEFAULT")
    fails("UpdateAgentRuntimeEndpoint", "ResourceNotFoundException", 404, lambda: c.update_agent_runtime_endpoint(agentRuntimeId=runtime_id, endpointName="nobody"))
    fails("GetAgentRuntimeEndpoint", "ResourceNotFoundException", 404, lambda: c.get_agent_runtime_endpoint(agentRuntimeId=runtime_id, endpointName="nobody"))
    fails("GetAgentRuntimeEndpoint", "ValidationException", 400, lambda: c.get_agent_runtime_endpoint(agentRuntimeId=runtime_id, endpointName="bad-name"))
    advance()
    listed = ok("ListAgentRuntimeEndpoints", c.list_agent_runtime_endpoints(agentRuntimeId=runtime_id), 200)
    check([(e["name"], e.get("liveVersion")) for e in listed["runtimeEndpoints"]] == [("DEFAULT", "4"), ("prod", "4")], f"endpoints {listed['runtimeEndpoints']}")
    fails("ListAgentRuntimeEndpoints", "ValidationException", 400, lambda: c.list_agent_runtime_endpoints(agentRuntimeId=runtime_id, nextToken="forged"))
    fails("DeleteAgentRuntimeEndpoint", "ConflictException", 409, lambda: c.delete_agent_runtime_endpoint(agentRuntimeId=runtime_id, endpointName="DEFAULT"))
    fails("DeleteAgentRuntimeEndpoint", "ResourceNotFoundException", 404, lambda: c.delete_agent_runtime_endpoint(agentRuntimeId=runtime_id, endpointName="nobody"))
    deleted = ok("DeleteAgentRuntimeEndpoint", c.delete_agent_runtime_endpoint(agentRuntimeId=runtime_id, endpointName="prod"), 202)
    check(deleted["status"] == "DELETING", f"delete endpoint: {deleted}")


def data_plane_and_logs(c):
    """InvokeAgentRuntime, StopRuntimeSession and FilterLogEvents through botocore's own clients for them."""
    data = client(service="bedrock-agentcore")
    loose = client(service="bedrock-agentcore", validate=False)
    logs = client(service="logs")
    runtime = c.create_agent_runtime(**create_request("oracle_invoked", protocolConfiguration={"serverProtocol": "HTTP"}))
    fails("InvokeAgentRuntime", "RetryableConflictException", 409, lambda: data.invoke_agent_runtime(agentRuntimeArn=runtime["agentRuntimeArn"], payload=b"{}"))
    advance()
    session = "oracle-session-000000000000000000000001"
    answer = ok("InvokeAgentRuntime", data.invoke_agent_runtime(agentRuntimeArn=runtime["agentRuntimeArn"], runtimeSessionId=session, payload=b'{"q": 1}'), 200)
    body = json.loads(answer["response"].read())
    check(body["echo"] == {"q": 1} and body["invocationsInSession"] == 1 and answer["runtimeSessionId"] == session and answer["contentType"] == "application/json", f"invoke: {body}")
    fails("InvokeAgentRuntime", "RuntimeClientError", 424, lambda: data.invoke_agent_runtime(agentRuntimeArn=runtime["agentRuntimeArn"], runtimeSessionId=session, payload=b'{"fail": true}'))
    fails("InvokeAgentRuntime", "ResourceNotFoundException", 404, lambda: data.invoke_agent_runtime(agentRuntimeArn=runtime["agentRuntimeArn"], qualifier="nobody", payload=b"{}"))
    fails("InvokeAgentRuntime", "ValidationException", 400, lambda: loose.invoke_agent_runtime(agentRuntimeArn=runtime["agentRuntimeArn"], runtimeSessionId="short", payload=b"{}"))
    stopped = ok("StopRuntimeSession", data.stop_runtime_session(agentRuntimeArn=runtime["agentRuntimeArn"], runtimeSessionId=session), 200)
    check(stopped["runtimeSessionId"] == session, f"stop: {stopped}")
    fails("StopRuntimeSession", "ResourceNotFoundException", 404, lambda: data.stop_runtime_session(agentRuntimeArn=runtime["agentRuntimeArn"], runtimeSessionId=session))
    fails("StopRuntimeSession", "ValidationException", 400, lambda: loose.stop_runtime_session(agentRuntimeArn=runtime["agentRuntimeArn"], runtimeSessionId="short"))
    group = f"/aws/bedrock-agentcore/runtimes/{runtime['agentRuntimeId']}-DEFAULT"
    found = ok("FilterLogEvents", logs.filter_log_events(logGroupName=group, filterPattern="ERROR"), 200)
    check([e["message"].split(" ")[0] for e in found["events"]] == ["ERROR"], f"logs: {found['events']}")
    fails("FilterLogEvents", "ResourceNotFoundException", 400, lambda: logs.filter_log_events(logGroupName="/aws/nobody"))
    fails("FilterLogEvents", "InvalidParameterException", 400, lambda: logs.filter_log_events(logGroupName=group, nextToken="forged"))
    return data, runtime["agentRuntimeArn"]


def injected_errors(c, runtime_id, data, arn):
    """The modelled errors no request can provoke honestly are injected, per operation, and must parse as their classes."""
    calls = {
        "CreateAgentRuntimeEndpoint": (c, lambda: c.create_agent_runtime_endpoint(agentRuntimeId=runtime_id, name="injected")),
        "GetAgentRuntimeEndpoint": (c, lambda: c.get_agent_runtime_endpoint(agentRuntimeId=runtime_id, endpointName="DEFAULT")),
        "UpdateAgentRuntimeEndpoint": (c, lambda: c.update_agent_runtime_endpoint(agentRuntimeId=runtime_id, endpointName="injected")),
        "ListAgentRuntimeEndpoints": (c, lambda: c.list_agent_runtime_endpoints(agentRuntimeId=runtime_id)),
        "DeleteAgentRuntimeEndpoint": (c, lambda: c.delete_agent_runtime_endpoint(agentRuntimeId=runtime_id, endpointName="injected")),
        "InvokeAgentRuntime": (data, lambda: data.invoke_agent_runtime(agentRuntimeArn=arn, payload=b"{}")),
        "StopRuntimeSession": (data, lambda: data.stop_runtime_session(agentRuntimeArn=arn, runtimeSessionId="oracle-session-000000000000000000000002")),
    }
    for operation, (owner, call) in calls.items():
        for shape in owner.meta.service_model.operation_model(operation).error_shapes:
            if f"{operation}:{shape.name}" in checked:
                continue
            status = shape.metadata["error"]["httpStatusCode"]
            inject({"kind": "status", "status": status, "errorType": shape.name, "operation": operation})
            fails(operation, shape.name, status, call)


def front_end(c):
    wrong_region = client(region="ap-south-1")
    fails("front end", "InvalidSignatureException", 403, lambda: wrong_region.list_agent_runtimes(), modelled=False, message="valid region")
    fails("front end", "UnrecognizedClientException", 403, lambda: client(key="AKIDNOBODYEXAMPLE").list_agent_runtimes(), modelled=False)


def regions():
    west = client(region="eu-west-1")
    created = west.create_agent_runtime(**create_request("oracle_agent"))
    check(":eu-west-1:" in created["agentRuntimeArn"], f"ARN {created['agentRuntimeArn']}")
    check([r["agentRuntimeName"] for r in west.list_agent_runtimes()["agentRuntimes"]] == ["oracle_agent"], "regions share state")


def carried_model_in_use(c):
    """The carried model (AWS_DATA_PATH) must be the one loaded, whatever model the installed botocore has."""
    loader = boto3.session.Session()._session.get_component("data_loader")
    _, path = loader.load_data_with_path("bedrock-agentcore-control/2023-06-05/service-2")
    check(path.startswith(os.environ["AWS_DATA_PATH"]), f"botocore loaded {path}, not the carried model")
    check("platformVersion" in c.meta.service_model.shape_for("CreateAgentRuntimeRequest").members, "the loaded model has no platformVersion")


def main():
    c = client()
    carried_model_in_use(c)
    runtime_id = lifecycle(c)
    failures_and_deletion(c)
    endpoints(c, runtime_id)
    data, arn = data_plane_and_logs(c)
    modelled_errors(c, runtime_id)
    injected_errors(c, runtime_id, data, arn)
    front_end(c)
    regions()
    print(json.dumps({"checked": sorted(checked), "boto3": boto3.__version__}))


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        print(f"boto3 oracle: {failure}", file=sys.stderr)
        sys.exit(1)
