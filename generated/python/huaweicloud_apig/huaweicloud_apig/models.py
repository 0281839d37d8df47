# Generated from specs/apig/openapi.yaml (sha256 aeb26727db812b06) by vendor-openapi-toolchain 0.1.0: do not edit.
# The spec's schemas as Pydantic models (datamodel-code-generator).

from __future__ import annotations

from typing import Annotated, Any, Literal, overload

from pydantic import MISSING, AwareDatetime, ConfigDict, Field
from typing_extensions import TypeAliasType

from huaweicloud_apig._base import ContentModel, ContentRule, Model


class CreatePluginParameters(Model):
    """
    Keyword arguments of `create_plugin`, as validated before the request is sent.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    project_id: str
    """
    Project ID (see "Obtaining a Project ID").
    """
    instance_id: str
    """
    Gateway ID, shown in the gateway information on the APIG console.
    """


class ApigErrorResponse(Model):
    """
    Error body returned by APIG for every error status.
    """

    error_code: str
    """
    Error code, of the form `APIG.` followed by digits.
    """
    error_msg: str
    """
    Error message.
    """


class CorsPluginContent(Model):
    """
    Content of a `cors` plug-in (cross-origin resource sharing). Each field sets one Access-Control-* response header.
    """

    allow_origin: str
    """
    Value of Access-Control-Allow-Origin: the origins allowed to access the resource, separated by commas. `*` allows every origin for requests sent without credentials.
    """
    allow_methods: str | MISSING = MISSING
    """
    Value of Access-Control-Allow-Methods; comma-separated HTTP methods a request may use.
    """
    allow_headers: str | MISSING = MISSING
    """
    Value of Access-Control-Allow-Headers; comma-separated request headers a request may carry.
    """
    expose_headers: str | MISSING = MISSING
    """
    Value of Access-Control-Expose-Headers; comma-separated response headers exposed to the browser.
    """
    max_age: Annotated[int | MISSING, Field(ge=0, le=86400)] = MISSING
    """
    Value of Access-Control-Max-Age; how many seconds a preflight result may be cached (0 to 86400).
    """
    allow_credentials: bool | MISSING = MISSING
    """
    Value of Access-Control-Allow-Credentials; whether the browser may expose the response when credentials are sent.
    """


CarryRespHeaderItem = TypeAliasType("CarryRespHeaderItem", Annotated[str, Field(max_length=64, min_length=1)])


CarryRespHeader = TypeAliasType("CarryRespHeader", Annotated[str, Field(max_length=64, min_length=1)])


class CorsPluginContentReturned(Model):
    """
    Content of a `cors` plug-in as returned (see CorsPluginContent for the meaning of each field).
    """

    allow_origin: str
    """
    Value of Access-Control-Allow-Origin.
    """
    allow_methods: str | MISSING = MISSING
    """
    Value of Access-Control-Allow-Methods.
    """
    allow_headers: str | MISSING = MISSING
    """
    Value of Access-Control-Allow-Headers.
    """
    expose_headers: str | MISSING = MISSING
    """
    Value of Access-Control-Expose-Headers.
    """
    max_age: int | MISSING = MISSING
    """
    Value of Access-Control-Max-Age in seconds (requests allow 0 to 86400; the page answers 172800).
    """
    allow_credentials: bool | MISSING = MISSING
    """
    Value of Access-Control-Allow-Credentials.
    """


class HeaderPolicy(Model):
    """
    One managed response header. Headers named x-apig-*, x-request-id and the CORS headers cannot be changed by the plug-in.
    """

    name: Annotated[str | MISSING, Field(pattern="^[A-Za-z][A-Za-z0-9-]{0,31}$")] = MISSING
    """
    Header name (case-insensitive): 1 to 32 characters, starting with a letter, then letters, digits and hyphens.
    """
    value_type: Literal["custom_value", "system_parameter"] | MISSING = MISSING
    """
    How `value` is interpreted: `custom_value` (literal content) or `system_parameter` (a gateway system parameter such as `$context.cacheStatus`). When absent, the value is literal content.
    """
    value: Annotated[str | MISSING, Field(max_length=255)] = MISSING
    """
    Header value, at most 255 characters (a system parameter when value_type is system_parameter).
    """
    action: Annotated[
        str | MISSING,
        Field(
            pattern="^([Aa][Pp][Pp][Ee][Nn][Dd]|[Oo][Vv][Ee][Rr][Rr][Ii][Dd][Ee]|[Dd][Ee][Ll][Ee][Tt][Ee]|[Ss][Kk][Ii][Pp]|[Aa][Dd][Dd])$"
        ),
    ] = MISSING
    """
    What to do when the backend response already has this header; case-insensitive: `override` (replace it, or add it when missing), `append` (existing values + "," + this value), `delete` (remove every header with this name), `skip` (keep the existing header, add it when missing) or `add` (always add). With value_type system_parameter only `add` and `append` are allowed.
    """


class PluginKafkaLogSaslConfig(Model):
    """
    Security settings for the connection to Kafka. With SASL_PLAINTEXT or SASL_SSL a user name and a password are needed (the password is write-only and is not returned); with SASL_SSL the CA certificate is needed too.
    """

    security_protocol: Literal["PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    """
    Protocol for the connection: `PLAINTEXT` (default access-point user authentication), `SASL_PLAINTEXT` or `SASL_SSL`.
    """
    sasl_mechanisms: str = "PLAIN"
    """
    SASL mechanism used for sending and receiving messages.
    """
    sasl_username: str | MISSING = MISSING
    """
    SASL user name; needed with SASL_PLAINTEXT and SASL_SSL, ignored with PLAINTEXT.
    """
    sasl_password: Annotated[str | MISSING, Field(repr=False)] = MISSING
    """
    SASL password; needed with SASL_PLAINTEXT and SASL_SSL, ignored with PLAINTEXT. Not returned in responses.
    """
    ssl_ca_content: str | MISSING = MISSING
    """
    Content of the CA certificate; needed with SASL_SSL.
    """


class PluginBreakerCondition(Model):
    """
    When the breaker opens. With breaker_mode `counter`, unhealthy_threshold is needed; with `percentage`, min_call_threshold and unhealthy_percentage are needed.
    """

    breaker_type: Literal["timeout", "condition"]
    """
    `timeout` (backend timeouts are unhealthy) or `condition` (responses matching unhealthy_condition are unhealthy).
    """
    breaker_mode: Literal["counter", "percentage"] | MISSING = MISSING
    """
    `counter` (a number of unhealthy calls) or `percentage` (a share of unhealthy calls).
    """
    unhealthy_condition: str | MISSING = MISSING
    """
    Rule expression that marks a response as unhealthy, for example ["OR",["$context.statusCode","in","500,501,504"],["$context.backendResponseTime",">",6000]].
    """
    unhealthy_threshold: int | MISSING = MISSING
    """
    Number of unhealthy calls in the time window that opens the breaker (counter mode).
    """
    min_call_threshold: int | MISSING = MISSING
    """
    Minimum number of calls in the time window before the breaker may open (percentage mode).
    """
    unhealthy_percentage: Annotated[int | MISSING, Field(ge=0, le=100)] = MISSING
    """
    Percentage of unhealthy calls that opens the breaker (percentage mode).
    """
    time_window: int
    """
    Length, in seconds, of the window in which unhealthy calls are counted.
    """
    open_breaker_time: int | MISSING = MISSING
    """
    How many seconds the breaker stays open.
    """


class PluginCommonParameter(Model):
    """
    A request parameter used in rule expressions (breaker and request throttling plug-ins).
    """

    type: str | MISSING = MISSING
    """
    Where the value comes from: `header` (first value of the header), `query` (first value of the query parameter), `path` (full request path), `method` (HTTP method), `system` (a gateway system parameter); the rest of the vendor list could not be retrieved.
    """
    name: str | MISSING = MISSING
    """
    Parameter name used in rule expressions, for example reqPath.
    """
    value: str | MISSING = MISSING
    """
    Name of the source header, query parameter or system parameter.
    """


class RateLimitRule(Model):
    """
    A parameter-based throttling rule (fields from a vendor example; the table could not be retrieved).
    """

    rule_name: str | MISSING = MISSING
    """
    Name of the rule, for example rule-0001.
    """
    match_regex: str | MISSING = MISSING
    """
    Rule expression selecting the requests, for example ["AND",["method","~=","POST"],["method","~=","PATCH"]] (operators ==, ~=, ~~, in).
    """
    time_unit: Literal["second", "minute", "hour", "day"] | MISSING = MISSING
    """
    Unit of the rule's throttling period.
    """
    interval: int | MISSING = MISSING
    """
    Length of the rule's throttling period.
    """
    limit: int | MISSING = MISSING
    """
    Maximum number of matching calls in the period.
    """


class PluginThirdAuthCarryBody(Model):
    """
    Whether and how much of the request body is sent to the authentication API.
    """

    enabled: bool | MISSING = MISSING
    """
    Send the request body.
    """
    max_body_size: int | MISSING = MISSING
    """
    Maximum body size sent, in bytes (not above the gateway's maximum request body size).
    """


class PluginThirdAuthMatchAuth(Model):
    """
    Header of the authentication API's response that signals success (used when simple mode is off).
    """

    key: str | MISSING = MISSING
    """
    Response header name.
    """
    value: str | MISSING = MISSING
    """
    Header value that means success.
    """


class PluginThirdAuthParameter(Model):
    """
    A parameter used in blacklist/whitelist rules (fields from the page's example).
    """

    type: str | MISSING = MISSING
    """
    Source of the parameter, for example path, method or header.
    """
    name: str | MISSING = MISSING
    """
    Parameter name used in rule expressions.
    """
    value: str | MISSING = MISSING
    """
    Name of the source header, query parameter or system parameter.
    """


class PluginThirdAuthRule(Model):
    """
    A blacklist/whitelist rule (fields from the page's example).
    """

    rule_name: str | MISSING = MISSING
    """
    Name of the rule.
    """
    match_regex: str | MISSING = MISSING
    """
    Rule expression, a JSON array serialised as a string, for example ["OR", ["reqPath", "~~", "/xxl-job-admin/*"], ["reqPath", "==", "/check"]].
    """


class HeaderPolicyReturned(Model):
    """
    One managed response header as returned (see HeaderPolicy).
    """

    name: str | MISSING = MISSING
    """
    Header name.
    """
    value_type: str | MISSING = MISSING
    """
    `custom_value` or `system_parameter` (other values are kept as they are).
    """
    value: str | MISSING = MISSING
    """
    Header value.
    """
    action: str | MISSING = MISSING
    """
    append, override, delete, skip or add, in any case.
    """


class PluginKafkaLogSaslConfigReturned(Model):
    """
    Kafka security settings as returned (the password is normally absent or empty).
    """

    security_protocol: str | MISSING = MISSING
    """
    PLAINTEXT, SASL_PLAINTEXT or SASL_SSL (other values are kept as they are).
    """
    sasl_mechanisms: str | MISSING = MISSING
    """
    SASL mechanism.
    """
    sasl_username: str | MISSING = MISSING
    """
    SASL user name.
    """
    sasl_password: Annotated[str | MISSING, Field(repr=False)] = MISSING
    """
    SASL password. Write-only: the gateway does not return it (the page's own answers carry it empty).
    """
    ssl_ca_content: str | MISSING = MISSING
    """
    Content of the CA certificate.
    """


class PluginBreakerConditionReturned(Model):
    """
    When the breaker opens, as returned (see PluginBreakerCondition).
    """

    breaker_type: str | MISSING = MISSING
    """
    `timeout` or `condition`.
    """
    breaker_mode: str | MISSING = MISSING
    """
    `counter` or `percentage`.
    """
    unhealthy_condition: str | MISSING = MISSING
    """
    Rule expression that marks a response as unhealthy.
    """
    unhealthy_threshold: int | MISSING = MISSING
    """
    Number of unhealthy calls that opens the breaker.
    """
    min_call_threshold: int | MISSING = MISSING
    """
    Minimum number of calls before the breaker may open.
    """
    unhealthy_percentage: int | MISSING = MISSING
    """
    Percentage of unhealthy calls that opens the breaker.
    """
    time_window: int | MISSING = MISSING
    """
    Length of the counting window in seconds.
    """
    open_breaker_time: int | MISSING = MISSING
    """
    Seconds the breaker stays open.
    """


class RateLimitRuleReturned(Model):
    """
    A parameter-based throttling rule as returned.
    """

    rule_name: str | MISSING = MISSING
    """
    Name of the rule.
    """
    match_regex: str | MISSING = MISSING
    """
    Rule expression.
    """
    time_unit: str | MISSING = MISSING
    """
    second, minute, hour or day.
    """
    interval: int | MISSING = MISSING
    """
    Length of the rule's throttling period.
    """
    limit: int | MISSING = MISSING
    """
    Maximum number of matching calls in the period.
    """


class PluginKafkaLogMetaSystem(Model):
    """
    System metadata switches; each Boolean says whether the item is included in the log. Only the first six rows of the vendor table could be retrieved: the other field names come from the page's example. The console pre-selects start_time, request_id, client_ip, request_time, http_status, scheme, request_method, host, uri, upstream_addr, upstream_status, upstream_response_time, http_x_forwarded_for, http_user_agent and error_type.
    """

    start_time: bool = True
    """
    Request start time (Unix timestamp).
    """
    request_id: bool = True
    """
    Unique ID of the request.
    """
    client_ip: bool = True
    """
    IP address of the client.
    """
    api_id: bool | MISSING = MISSING
    """
    ID of the API.
    """
    user_name: bool | MISSING = MISSING
    """
    Name of the calling user.
    """
    app_id: bool | MISSING = MISSING
    """
    ID of the calling app (client).
    """
    access_model1: bool | MISSING = MISSING
    """
    Access mode 1 of the call.
    """
    request_time: bool | MISSING = MISSING
    """
    Duration of the request.
    """
    http_status: bool | MISSING = MISSING
    """
    HTTP status code returned to the client.
    """
    server_protocol: bool | MISSING = MISSING
    """
    Protocol of the request (HTTP/1.1, HTTP/2 ...).
    """
    scheme: bool | MISSING = MISSING
    """
    Scheme of the request (HTTP or HTTPS).
    """
    request_method: bool | MISSING = MISSING
    """
    HTTP method of the request.
    """
    host: bool | MISSING = MISSING
    """
    Host of the request.
    """
    api_uri_mode: bool | MISSING = MISSING
    """
    Matching mode of the API URI.
    """
    uri: bool | MISSING = MISSING
    """
    URI of the request.
    """
    request_size: bool | MISSING = MISSING
    """
    Size of the request.
    """
    response_size: bool | MISSING = MISSING
    """
    Size of the response.
    """
    upstream_uri: bool | MISSING = MISSING
    """
    URI sent to the backend.
    """
    upstream_addr: bool | MISSING = MISSING
    """
    Address of the backend.
    """
    upstream_status: bool | MISSING = MISSING
    """
    Status code returned by the backend.
    """
    upstream_connect_time: bool | MISSING = MISSING
    """
    Time taken to connect to the backend.
    """
    upstream_header_time: bool | MISSING = MISSING
    """
    Time until the first byte of the backend response.
    """
    upstream_response_time: bool | MISSING = MISSING
    """
    Response time of the backend.
    """
    all_upstream_response_time: bool | MISSING = MISSING
    """
    Total response time of all backend attempts.
    """
    region_id: bool | MISSING = MISSING
    """
    Region ID.
    """
    auth_type: bool | MISSING = MISSING
    """
    Authentication type of the call.
    """
    http_x_forwarded_for: bool | MISSING = MISSING
    """
    X-Forwarded-For header of the request.
    """
    http_user_agent: bool | MISSING = MISSING
    """
    User-Agent header of the request.
    """
    error_type: bool | MISSING = MISSING
    """
    Error type of a failed call.
    """
    access_model2: bool | MISSING = MISSING
    """
    Access mode 2 of the call.
    """
    inner_time: bool | MISSING = MISSING
    """
    Time spent inside the gateway.
    """
    proxy_protocol_vni: bool | MISSING = MISSING
    """
    VNI carried by the proxy protocol.
    """
    proxy_protocol_vpce_id: bool | MISSING = MISSING
    """
    VPC endpoint ID carried by the proxy protocol.
    """
    proxy_protocol_addr: bool | MISSING = MISSING
    """
    Client address carried by the proxy protocol.
    """
    body_bytes_sent: bool | MISSING = MISSING
    """
    Number of body bytes sent to the client.
    """
    api_name: bool | MISSING = MISSING
    """
    Name of the API.
    """
    app_name: bool | MISSING = MISSING
    """
    Name of the calling app.
    """
    provider_app_id: bool | MISSING = MISSING
    """
    ID of the app that provides the API.
    """
    provider_app_name: bool | MISSING = MISSING
    """
    Name of the app that provides the API.
    """
    custom_data_log01: bool | MISSING = MISSING
    """
    Custom log field 1.
    """
    custom_data_log02: bool | MISSING = MISSING
    """
    Custom log field 2.
    """
    custom_data_log03: bool | MISSING = MISSING
    """
    Custom log field 3.
    """
    custom_data_log04: bool | MISSING = MISSING
    """
    Custom log field 4.
    """
    custom_data_log05: bool | MISSING = MISSING
    """
    Custom log field 5.
    """
    custom_data_log06: bool | MISSING = MISSING
    """
    Custom log field 6.
    """
    custom_data_log07: bool | MISSING = MISSING
    """
    Custom log field 7.
    """
    custom_data_log08: bool | MISSING = MISSING
    """
    Custom log field 8.
    """
    custom_data_log09: bool | MISSING = MISSING
    """
    Custom log field 9.
    """
    custom_data_log10: bool | MISSING = MISSING
    """
    Custom log field 10.
    """
    response_source: bool | MISSING = MISSING
    """
    Source of the response (gateway or backend).
    """


class PluginBreakerMockInfo(Model):
    """
    Mock downgrade backend (field names from a vendor example).
    """

    status_code: int | MISSING = MISSING
    """
    Status code returned by the mock.
    """
    result_content: str | MISSING = MISSING
    """
    Body returned by the mock.
    """
    headers: list[Any] | None | MISSING = MISSING
    """
    Headers returned by the mock.
    """


class PluginBreakerHttpInfo(Model):
    """
    HTTP downgrade backend (field names from a vendor example).
    """

    isVpc: bool | MISSING = MISSING
    """
    Whether a load balance channel is used.
    """
    vpc_channel_id: str | MISSING = MISSING
    """
    ID of the load balance channel.
    """
    address: str | MISSING = MISSING
    """
    Backend address.
    """
    scheme: str | MISSING = MISSING
    """
    Backend protocol (HTTP or HTTPS).
    """
    method: str | MISSING = MISSING
    """
    Backend request method.
    """
    path: str | MISSING = MISSING
    """
    Backend request path.
    """
    timeout: int | MISSING = MISSING
    """
    Backend timeout in milliseconds.
    """


class RateLimitSpecialPolicy(Model):
    """
    Special limit for one app or tenant.
    """

    key: str | MISSING = MISSING
    """
    ID of the excluded app or tenant.
    """
    limit: int | MISSING = MISSING
    """
    Maximum number of calls of that app or tenant in the period; not above api_limit.
    """


class PluginThirdAuthVpcChannelInfo(Model):
    """
    Load balance channel of the authentication API (fields from the page's example).
    """

    vpc_proxy_host: str | MISSING = MISSING
    """
    Host header sent through the channel.
    """
    vpc_id: str | MISSING = MISSING
    """
    ID of the load balance channel.
    """


class PluginThirdAuthIdentity(Model):
    """
    One identity source.
    """

    name: str | MISSING = MISSING
    """
    Header or query parameter name.
    """
    essential: bool | MISSING = MISSING
    """
    Whether the identity must be present.
    """


class PluginKafkaLogCustomAuthorizer(Model):
    """
    Fields of the custom authorizers' responses to include in the log (from the page's example).
    """

    frontend: list[str] | None | MISSING = MISSING
    """
    Fields taken from the frontend custom authorizer's response.
    """
    backend: list[str] | None | MISSING = MISSING
    """
    Fields taken from the backend custom authorizer's response.
    """


class SetRespHeadersContent(Model):
    """
    Content of a `set_resp_headers` plug-in (HTTP response header management).
    """

    response_headers: Annotated[list[HeaderPolicy] | None | MISSING, Field(max_length=10)] = MISSING
    """
    Response headers to manage (the console allows at most 10 per plug-in, with names unique regardless of case).
    """


class SetRespHeadersContentReturned(Model):
    """
    Content of a `set_resp_headers` plug-in as returned.
    """

    response_headers: list[HeaderPolicyReturned] | None | MISSING = MISSING
    """
    Managed response headers.
    """


class PluginBreakerDowngradeInfo(Model):
    """
    Backend that serves requests while the breaker is open. Only the `type` row of the vendor table could be retrieved; the sub-object names come from vendor examples and are left open.
    """

    type: Annotated[
        Literal["http", "http_vpc", "function", "mock", "passthrough"] | MISSING,
        Field(title="PluginBreakerDowngradeType"),
    ] = MISSING
    """
    Type of the downgrade backend.
    """
    passthrough_infos: Any | MISSING = MISSING
    """
    Settings of a passthrough backend (it can add header parameters); null when unused.
    """
    func_info: dict[str, Any] | None | MISSING = MISSING
    """
    FunctionGraph backend (function URN, version or alias, sync/async invocation, timeout); null when unused.
    """
    mock_info: PluginBreakerMockInfo | None | MISSING = MISSING
    """
    Mock backend; null when unused.
    """
    http_info: PluginBreakerHttpInfo | None | MISSING = MISSING
    """
    HTTP backend; null when unused.
    """
    http_vpc_info: dict[str, Any] | None | MISSING = MISSING
    """
    Load balance channel backend; null when unused.
    """


class PluginBreakerDowngradeRule(Model):
    """
    A downgrade rule; requests matching match_regex use this rule's condition and backend.
    """

    rule_name: str
    """
    Name of the rule.
    """
    match_regex: str
    """
    Rule expression that selects the requests the rule applies to.
    """
    breaker_condition: PluginBreakerCondition | MISSING = MISSING
    downgrade_backend: PluginBreakerDowngradeInfo | None | MISSING = MISSING
    parameters: list[PluginCommonParameter | str] | None | MISSING = MISSING
    """
    Parameters used by the rule. The model table lists parameter objects, while every vendor example lists parameter names (strings); both are accepted.
    """


class RateLimitSpecial(Model):
    """
    Special limits for one kind of caller.
    """

    type: Annotated[Literal["app", "user"] | MISSING, Field(title="RateLimitSpecialType")] = MISSING
    """
    Kind of excluded caller: `app` (apps) or `user` (IAM tenants).
    """
    policies: list[RateLimitSpecialPolicy] | None | MISSING = MISSING
    """
    The special limits.
    """


class PluginThirdAuthRequest(Model):
    """
    The authentication API called by the plug-in. url_domain is needed when no load balance channel is used.
    """

    method: Literal["GET", "POST", "PUT", "HEAD"]
    """
    Request method of the authentication API.
    """
    protocol: Literal["HTTP", "HTTPS"]
    """
    Protocol of the authentication API (HTTP is not recommended).
    """
    url_domain: Annotated[str | MISSING, Field(max_length=255)] = MISSING
    """
    Address (IP address or domain name, with optional port) of the authentication API; at most 255 characters.
    """
    timeout: Annotated[int, Field(ge=1, le=60000)] = 5000
    """
    Timeout of the authentication call in milliseconds (1 to 60000).
    """
    path: Annotated[str, Field(pattern="^/")]
    """
    Path of the authentication API; starts with a slash and may carry query parameters.
    """
    vpc_channel_enabled: bool
    """
    Whether the authentication API is reached through a load balance channel.
    """
    vpc_channel_info: PluginThirdAuthVpcChannelInfo | None | MISSING = MISSING
    """
    Load balance channel to use; null when none.
    """


class PluginThirdAuthIdentities(Model):
    """
    Where the caller's identity is read from (at most 10 headers and 10 query parameters). The page's request example names the query list `query`, its response example `queries`; both are declared.
    """

    headers: Annotated[list[PluginThirdAuthIdentity] | None | MISSING, Field(max_length=10)] = MISSING
    """
    Identity headers.
    """
    queries: Annotated[list[PluginThirdAuthIdentity] | None | MISSING, Field(max_length=10)] = MISSING
    """
    Identity query parameters (spelling of the response example; null when none).
    """
    query: Annotated[list[PluginThirdAuthIdentity] | None | MISSING, Field(max_length=10)] = MISSING
    """
    Identity query parameters (spelling of the request example).
    """


class PluginBreakerDowngradeInfoReturned(Model):
    """
    Downgrade backend as returned (see PluginBreakerDowngradeInfo).
    """

    type: str | MISSING = MISSING
    """
    http, http_vpc, function, mock or passthrough (other values are kept as they are).
    """
    passthrough_infos: Any | MISSING = MISSING
    """
    Settings of a passthrough backend; null when unused.
    """
    func_info: dict[str, Any] | None | MISSING = MISSING
    """
    FunctionGraph backend; null when unused.
    """
    mock_info: PluginBreakerMockInfo | None | MISSING = MISSING
    http_info: PluginBreakerHttpInfo | None | MISSING = MISSING
    http_vpc_info: dict[str, Any] | None | MISSING = MISSING
    """
    Load balance channel backend; null when unused.
    """


class PluginBreakerDowngradeRuleReturned(Model):
    """
    A downgrade rule as returned.
    """

    rule_name: str | MISSING = MISSING
    """
    Name of the rule.
    """
    match_regex: str | MISSING = MISSING
    """
    Rule expression.
    """
    breaker_condition: PluginBreakerConditionReturned | None | MISSING = MISSING
    downgrade_backend: PluginBreakerDowngradeInfoReturned | None | MISSING = MISSING
    parameters: list[PluginCommonParameter | str] | None | MISSING = MISSING
    """
    Parameters used by the rule (objects or names).
    """


class RateLimitSpecialReturned(Model):
    """
    Special limits for one kind of caller, as returned.
    """

    type: str | MISSING = MISSING
    """
    `app` or `user`.
    """
    policies: list[RateLimitSpecialPolicy] | None | MISSING = MISSING
    """
    The special limits.
    """


class PluginThirdAuthRequestReturned(Model):
    """
    The authentication API as returned (see PluginThirdAuthRequest).
    """

    method: str | MISSING = MISSING
    """
    Request method of the authentication API.
    """
    protocol: str | MISSING = MISSING
    """
    HTTP or HTTPS.
    """
    url_domain: str | MISSING = MISSING
    """
    Address of the authentication API.
    """
    timeout: int | MISSING = MISSING
    """
    Timeout of the authentication call in milliseconds.
    """
    path: str | MISSING = MISSING
    """
    Path of the authentication API.
    """
    vpc_channel_enabled: bool | int | MISSING = MISSING
    """
    Whether a load balance channel is used. Requests send a Boolean; the page's own answer carries the integer 2, the gateway's integer form of "no" (1 = yes).
    """
    vpc_channel_info: PluginThirdAuthVpcChannelInfo | None | MISSING = MISSING


class PluginThirdAuthIdentitiesReturned(Model):
    """
    Identity sources as returned.
    """

    headers: list[PluginThirdAuthIdentity] | None | MISSING = MISSING
    """
    Identity headers.
    """
    queries: list[PluginThirdAuthIdentity] | None | MISSING = MISSING
    """
    Identity query parameters (spelling of the response example).
    """
    query: list[PluginThirdAuthIdentity] | None | MISSING = MISSING
    """
    Identity query parameters (spelling of the request example).
    """


class PluginKafkaLogMetaCallData(Model):
    """
    Call data included in each log. The vendor table could not be retrieved: names and types come from the page's example. Filters are comma-separated names and accept the `*` wildcard.
    """

    log_request_header: bool | MISSING = MISSING
    """
    Include request headers.
    """
    request_header_filter: str | MISSING = MISSING
    """
    Request headers to include.
    """
    log_request_query_string: bool | MISSING = MISSING
    """
    Include the query string.
    """
    request_query_string_filter: str | MISSING = MISSING
    """
    Query parameters to include.
    """
    log_request_body: bool | MISSING = MISSING
    """
    Include the request body.
    """
    log_response_header: bool | MISSING = MISSING
    """
    Include response headers.
    """
    response_header_filter: str | MISSING = MISSING
    """
    Response headers to include.
    """
    log_response_body: bool | MISSING = MISSING
    """
    Include the response body.
    """
    custom_authorizer: PluginKafkaLogCustomAuthorizer | MISSING = MISSING


class BreakerContent(Model):
    """
    Content of a `breaker` plug-in (circuit breaker).
    """

    scope: Literal["basic", "share"] | MISSING = MISSING
    """
    How bound APIs are counted: `basic` (each bound API separately) or `share` (all bound APIs together).
    """
    breaker_condition: PluginBreakerCondition
    downgrade_default: PluginBreakerDowngradeInfo | None | MISSING = MISSING
    """
    Default backend used while the breaker is open (null when no downgrade backend is set).
    """
    downgrade_parameters: list[PluginCommonParameter] | None | MISSING = MISSING
    """
    Parameters used by the downgrade rules (null when none).
    """
    downgrade_rules: list[PluginBreakerDowngradeRule] | None | MISSING = MISSING
    """
    Downgrade rules, matched in order (null when none).
    """


class RateLimitContent(Model):
    """
    Content of a `rate_limit` plug-in (request throttling). Limits must be consistent: app_limit <= user_limit <= api_limit and ip_limit <= api_limit (not expressible in the schema).
    """

    scope: Literal["basic", "share"] | MISSING = MISSING
    """
    `basic` (each bound API is limited separately) or `share` (all bound APIs share the limit).
    """
    default_time_unit: Literal["second", "minute", "hour", "day"] = "second"
    """
    Unit of the throttling period.
    """
    default_interval: Annotated[int | MISSING, Field(ge=1, le=2147483647)] = MISSING
    """
    Length of the throttling period, in default_time_unit.
    """
    api_limit: Annotated[int, Field(ge=-1, le=2147483647)]
    """
    Maximum number of calls of an API in the period; a positive integer not above the default quota, or -1 for no limit.
    """
    app_limit: Annotated[int | MISSING, Field(ge=0, le=2147483647)] = MISSING
    """
    Maximum number of calls by one app in the period; not above user_limit; 0 leaves it unset (as the page's own example sends).
    """
    user_limit: Annotated[int | MISSING, Field(ge=0, le=2147483647)] = MISSING
    """
    Maximum number of calls by one user (tenant) in the period; not above api_limit; 0 leaves it unset (as the page's own example sends).
    """
    ip_limit: Annotated[int | MISSING, Field(ge=0, le=2147483647)] = MISSING
    """
    Maximum number of calls from one IP address in the period; not above api_limit; 0 leaves it unset (as the page's own example sends).
    """
    algorithm: Literal["counter", "haht", "local"] | MISSING = MISSING
    """
    `counter` (high precision), `haht` (high performance) or `local` (single node).
    """
    specials: list[RateLimitSpecial] | None | MISSING = MISSING
    """
    Special (excluded) limits for particular apps or tenants, for basic throttling.
    """
    parameters: list[PluginCommonParameter] | None | MISSING = MISSING
    """
    Parameters used by parameter-based throttling rules.
    """
    rules: list[RateLimitRule] | None | MISSING = MISSING
    """
    Parameter-based throttling rules.
    """


class ThirdAuthContent(Model):
    """
    Content of a `third_auth` plug-in (third-party authentication). When rule_enabled is true, rule_type is needed. The model page names the header list `carry_resp_header`, the page's examples `carry_resp_headers`; both are declared.
    """

    auth_request: PluginThirdAuthRequest | MISSING = MISSING
    identities: PluginThirdAuthIdentities | MISSING = MISSING
    carry_body: PluginThirdAuthCarryBody | MISSING = MISSING
    carry_path_enabled: bool | MISSING = MISSING
    """
    Whether the original request path is passed to the authentication API.
    """
    return_resp_body_enabled: bool | MISSING = MISSING
    """
    Whether the authentication API's response body is returned to the client when authentication fails.
    """
    carry_resp_header: Annotated[list[CarryRespHeaderItem] | None | MISSING, Field(max_length=10)] = MISSING
    """
    Headers copied from the authentication API's response to the backend request when authentication succeeds (spelling of the model page); at most 10 names of 1 to 64 characters.
    """
    carry_resp_headers: Annotated[list[CarryRespHeader] | None | MISSING, Field(max_length=10)] = MISSING
    """
    Same as carry_resp_header (spelling used by the page's examples).
    """
    simple_auth_mode_enabled: bool | MISSING = MISSING
    """
    Simple mode; any 2xx response of the authentication API means success.
    """
    match_auth: PluginThirdAuthMatchAuth | MISSING = MISSING
    rule_enabled: bool | MISSING = MISSING
    """
    Whether the blacklist/whitelist is on; requests passing the list skip the authentication API.
    """
    rule_type: str | MISSING = MISSING
    """
    Blacklist/whitelist type, for example `allow`; needed when rule_enabled is true.
    """
    parameters: list[PluginThirdAuthParameter] | None | MISSING = MISSING
    """
    Parameters used by the blacklist/whitelist rules.
    """
    rules: Annotated[list[PluginThirdAuthRule] | None | MISSING, Field(max_length=100)] = MISSING
    """
    Blacklist/whitelist rules (at most 100).
    """
    custom_forbid_limit: int | MISSING = MISSING
    """
    Brute-force protection: when more authentication failures than this happen within 5 minutes, requests are rejected until the next 5-minute window.
    """
    auth_downgrade_enabled: bool | MISSING = MISSING
    """
    Relaxed mode; accept requests when the authentication service is unreachable or answers 5xx.
    """


class BreakerContentReturned(Model):
    """
    Content of a `breaker` plug-in as returned.
    """

    scope: str | MISSING = MISSING
    """
    `basic` or `share` (other values are kept as they are).
    """
    breaker_condition: PluginBreakerConditionReturned
    downgrade_default: PluginBreakerDowngradeInfoReturned | None | MISSING = MISSING
    downgrade_parameters: list[PluginCommonParameter] | None | MISSING = MISSING
    """
    Parameters used by the downgrade rules.
    """
    downgrade_rules: list[PluginBreakerDowngradeRuleReturned] | None | MISSING = MISSING
    """
    Downgrade rules.
    """


class RateLimitContentReturned(Model):
    """
    Content of a `rate_limit` plug-in as returned (limits of 0 mean "not set").
    """

    scope: str | MISSING = MISSING
    """
    `basic` or `share`.
    """
    default_time_unit: str | MISSING = MISSING
    """
    second, minute, hour or day.
    """
    default_interval: int | MISSING = MISSING
    """
    Length of the throttling period.
    """
    api_limit: int | MISSING = MISSING
    """
    Maximum number of calls of an API in the period, -1 for no limit.
    """
    app_limit: int | MISSING = MISSING
    """
    Maximum number of calls by one app in the period (0 when not set).
    """
    user_limit: int | MISSING = MISSING
    """
    Maximum number of calls by one user in the period (0 when not set).
    """
    ip_limit: int | MISSING = MISSING
    """
    Maximum number of calls from one IP address in the period (0 when not set).
    """
    algorithm: str | MISSING = MISSING
    """
    counter, haht or local.
    """
    specials: list[RateLimitSpecialReturned] | None | MISSING = MISSING
    """
    Special limits for particular apps or tenants.
    """
    parameters: list[PluginCommonParameter] | None | MISSING = MISSING
    """
    Parameters used by parameter-based throttling rules.
    """
    rules: list[RateLimitRuleReturned] | None | MISSING = MISSING
    """
    Parameter-based throttling rules.
    """


class ThirdAuthContentReturned(Model):
    """
    Content of a `third_auth` plug-in as returned.
    """

    auth_request: PluginThirdAuthRequestReturned | None | MISSING = MISSING
    identities: PluginThirdAuthIdentitiesReturned | None | MISSING = MISSING
    carry_body: PluginThirdAuthCarryBody | None | MISSING = MISSING
    carry_path_enabled: bool | MISSING = MISSING
    """
    Whether the original request path is passed to the authentication API.
    """
    return_resp_body_enabled: bool | MISSING = MISSING
    """
    Whether the authentication API's response body is returned on failure.
    """
    carry_resp_header: list[str] | None | MISSING = MISSING
    """
    Headers copied from the authentication API's response (spelling of the model page).
    """
    carry_resp_headers: list[str] | None | MISSING = MISSING
    """
    Same as carry_resp_header (spelling of the page's examples).
    """
    simple_auth_mode_enabled: bool | MISSING = MISSING
    """
    Simple mode.
    """
    match_auth: PluginThirdAuthMatchAuth | None | MISSING = MISSING
    rule_enabled: bool | MISSING = MISSING
    """
    Whether the blacklist/whitelist is on.
    """
    rule_type: str | MISSING = MISSING
    """
    Blacklist/whitelist type, for example `allow`.
    """
    parameters: list[PluginThirdAuthParameter] | None | MISSING = MISSING
    """
    Parameters used by the blacklist/whitelist rules.
    """
    rules: list[PluginThirdAuthRule] | None | MISSING = MISSING
    """
    Blacklist/whitelist rules.
    """
    custom_forbid_limit: int | MISSING = MISSING
    """
    Brute-force protection threshold.
    """
    auth_downgrade_enabled: bool | MISSING = MISSING
    """
    Relaxed mode.
    """


class PluginKafkaLogMetaConfig(Model):
    """
    Which metadata are included in each pushed log.
    """

    system: PluginKafkaLogMetaSystem | MISSING = MISSING
    call_data: PluginKafkaLogMetaCallData | MISSING = MISSING


class KafkaLogContent(Model):
    """
    Content of a `kafka_log` plug-in (push of API call logs to Kafka).
    """

    broker_list: list[str]
    """
    Addresses (host:port) of the brokers of the target Kafka.
    """
    topic: str
    """
    Kafka topic the logs are reported to.
    """
    key: str | MISSING = MISSING
    """
    Message key used to choose the partition.
    """
    max_retry_count: Annotated[int, Field(ge=0, le=5)] = 0
    """
    Number of retries after a failed send (0 to 5).
    """
    retry_backoff: Annotated[int | MISSING, Field(ge=1, le=10)] = MISSING
    """
    Seconds between two retries (1 to 10).
    """
    sasl_config: PluginKafkaLogSaslConfig | MISSING = MISSING
    meta_config: PluginKafkaLogMetaConfig | MISSING = MISSING


class KafkaLogContentReturned(Model):
    """
    Content of a `kafka_log` plug-in as returned.
    """

    broker_list: list[str]
    """
    Broker addresses.
    """
    topic: str
    """
    Kafka topic.
    """
    key: str | MISSING = MISSING
    """
    Message key.
    """
    max_retry_count: int | MISSING = MISSING
    """
    Number of retries after a failed send.
    """
    retry_backoff: int | MISSING = MISSING
    """
    Seconds between two retries.
    """
    sasl_config: PluginKafkaLogSaslConfigReturned | None | MISSING = MISSING
    meta_config: PluginKafkaLogMetaConfig | None | MISSING = MISSING


class CreatePluginRequest(ContentModel):
    """
    Body of a create-plug-in request. `plugin_content` is a JSON document serialised as a string. Which content model applies is selected by `plugin_type` through the if/then entries of this schema's allOf (standard JSON Schema 2020-12, asserted by the toolchain); the property-level contentSchema anyOf lists the six models for tools that do not follow the if/then entries.
    """

    plugin_name: Annotated[
        str, Field(max_length=255, min_length=3, pattern="^[A-Za-z\\u4e00-\\u9fa5][A-Za-z0-9_\\u4e00-\\u9fa5]{2,254}$")
    ]
    """
    Plug-in name: 3 to 255 characters, starting with a letter or a Chinese character; letters, digits, underscores and Chinese characters (CJK Unified Ideographs U+4E00 to U+9FA5) only. Must be unique within the gateway.
    """
    plugin_type: Literal["cors", "set_resp_headers", "kafka_log", "breaker", "rate_limit", "third_auth"]
    """
    Plug-in type: `cors` (cross-origin resource sharing), `set_resp_headers` (HTTP response header management), `kafka_log` (Kafka log push), `breaker` (circuit breaker), `rate_limit` (request throttling) or `third_auth` (third-party authentication).
    """
    plugin_scope: Literal["global"]
    """
    Plug-in scope: `global` (visible to all gateways).
    """
    plugin_content: (
        str
        | CorsPluginContent
        | SetRespHeadersContent
        | KafkaLogContent
        | BreakerContent
        | RateLimitContent
        | ThirdAuthContent
    )
    """
    Plug-in configuration: a JSON document serialised as a string (at most 65535 characters) that matches the content model of the plug-in type (see plugin-content.yaml).
    """
    remark: Annotated[str | MISSING, Field(max_length=255)] = MISSING
    """
    Description of the plug-in, at most 255 characters.
    """

    @overload
    def plugin_content_as(self, plugin_type: Literal["cors"]) -> CorsPluginContent: ...
    @overload
    def plugin_content_as(self, plugin_type: Literal["set_resp_headers"]) -> SetRespHeadersContent: ...
    @overload
    def plugin_content_as(self, plugin_type: Literal["kafka_log"]) -> KafkaLogContent: ...
    @overload
    def plugin_content_as(self, plugin_type: Literal["breaker"]) -> BreakerContent: ...
    @overload
    def plugin_content_as(self, plugin_type: Literal["rate_limit"]) -> RateLimitContent: ...
    @overload
    def plugin_content_as(self, plugin_type: Literal["third_auth"]) -> ThirdAuthContent: ...
    def plugin_content_as(self, plugin_type: str) -> Model:
        """
        `plugin_content` as the model that value of `plugin_type` selects, typed by the
        value passed. Raises ValueError when this object's `plugin_type` is another value or its
        document did not parse into that model.
        """
        choices: dict[str, type[Model]] = {
            "cors": CorsPluginContent,
            "set_resp_headers": SetRespHeadersContent,
            "kafka_log": KafkaLogContent,
            "breaker": BreakerContent,
            "rate_limit": RateLimitContent,
            "third_auth": ThirdAuthContent,
        }
        expected = choices.get(plugin_type)
        content = self.plugin_content
        if expected is None or self.plugin_type != plugin_type or not isinstance(content, expected):
            raise ValueError(f"plugin_content holds no {plugin_type!r} document (plugin_type is {self.plugin_type!r})")
        return content


class CreatePluginResponse(ContentModel):
    """
    The created plug-in, as the gateway returns it. This schema describes what the vendor sends, not what a request may contain: the name, type and scope are open strings (the page's own answers carry names with spaces and the scope `app`), and the content models of the response (`*Returned` in plugin-content.yaml) leave out the request-only bounds. As in the request, the content model of `plugin_content` is selected by `plugin_type` through the if/then entries of this schema's allOf.
    """

    plugin_id: str
    """
    Plug-in ID.
    """
    plugin_name: str
    """
    Plug-in name. The page documents 3 to 255 letters, digits, hyphens and underscores starting with a letter, but its own answers carry spaces ("CORS Plug-in"): any string is accepted here.
    """
    plugin_type: str
    """
    Plug-in type: one of cors, set_resp_headers, kafka_log, breaker, rate_limit or third_auth on this page; newer gateways also return other types (proxy_cache, proxy_mirror, ...), kept as they are.
    """
    plugin_scope: str
    """
    Plug-in scope: `global` is the only documented value, but the page's own answers also carry `app`; any value is kept as it is.
    """
    plugin_content: (
        str
        | CorsPluginContentReturned
        | SetRespHeadersContentReturned
        | KafkaLogContentReturned
        | BreakerContentReturned
        | RateLimitContentReturned
        | ThirdAuthContentReturned
    )
    """
    Plug-in configuration: a JSON document serialised as a string (at most 65535 characters) that matches the content model of the plug-in type (see plugin-content.yaml).
    """
    remark: str | MISSING = MISSING
    """
    Description of the plug-in (requests allow at most 255 characters).
    """
    create_time: AwareDatetime
    """
    Creation time (RFC 3339 UTC timestamp; the vendor sends up to nanosecond precision).
    """
    update_time: AwareDatetime
    """
    Last update time (RFC 3339 UTC timestamp; the vendor sends up to nanosecond precision).
    """

    @overload
    def plugin_content_as(self, plugin_type: Literal["cors"]) -> CorsPluginContentReturned: ...
    @overload
    def plugin_content_as(self, plugin_type: Literal["set_resp_headers"]) -> SetRespHeadersContentReturned: ...
    @overload
    def plugin_content_as(self, plugin_type: Literal["kafka_log"]) -> KafkaLogContentReturned: ...
    @overload
    def plugin_content_as(self, plugin_type: Literal["breaker"]) -> BreakerContentReturned: ...
    @overload
    def plugin_content_as(self, plugin_type: Literal["rate_limit"]) -> RateLimitContentReturned: ...
    @overload
    def plugin_content_as(self, plugin_type: Literal["third_auth"]) -> ThirdAuthContentReturned: ...
    def plugin_content_as(self, plugin_type: str) -> Model:
        """
        `plugin_content` as the model that value of `plugin_type` selects, typed by the
        value passed. Raises ValueError when this object's `plugin_type` is another value or its
        document did not parse into that model.
        """
        choices: dict[str, type[Model]] = {
            "cors": CorsPluginContentReturned,
            "set_resp_headers": SetRespHeadersContentReturned,
            "kafka_log": KafkaLogContentReturned,
            "breaker": BreakerContentReturned,
            "rate_limit": RateLimitContentReturned,
            "third_auth": ThirdAuthContentReturned,
        }
        expected = choices.get(plugin_type)
        content = self.plugin_content
        if expected is None or self.plugin_type != plugin_type or not isinstance(content, expected):
            raise ValueError(f"plugin_content holds no {plugin_type!r} document (plugin_type is {self.plugin_type!r})")
        return content


# Conditional rules (`if`/`then`/`else`, `not`, `dependentRequired`) the models above cannot express, checked on a
# request body before it is sent: each class's schema pruned to the paths that lead to a rule. See `rules.py`.
RULES: dict[str, dict[str, object]] = {
    "CreatePluginRequest": {
        "allOf": [
            {
                "if": {
                    "required": ["plugin_type"],
                    "properties": {"plugin_type": {"const": "set_resp_headers", "type": "string"}},
                },
                "then": {"properties": {"plugin_content": {"contentSchema": {"$ref": "SetRespHeadersContent"}}}},
            },
            {
                "if": {
                    "required": ["plugin_type"],
                    "properties": {"plugin_type": {"const": "kafka_log", "type": "string"}},
                },
                "then": {"properties": {"plugin_content": {"contentSchema": {"$ref": "KafkaLogContent"}}}},
            },
            {
                "if": {
                    "required": ["plugin_type"],
                    "properties": {"plugin_type": {"const": "breaker", "type": "string"}},
                },
                "then": {"properties": {"plugin_content": {"contentSchema": {"$ref": "BreakerContent"}}}},
            },
            {
                "if": {
                    "required": ["plugin_type"],
                    "properties": {"plugin_type": {"const": "rate_limit", "type": "string"}},
                },
                "then": {"properties": {"plugin_content": {"contentSchema": {"$ref": "RateLimitContent"}}}},
            },
            {
                "if": {
                    "required": ["plugin_type"],
                    "properties": {"plugin_type": {"const": "third_auth", "type": "string"}},
                },
                "then": {"properties": {"plugin_content": {"contentSchema": {"$ref": "ThirdAuthContent"}}}},
            },
        ],
        "type": "object",
    },
    "SetRespHeadersContent": {
        "properties": {"response_headers": {"items": {"$ref": "HeaderPolicy"}, "type": ["array", "null"]}},
        "type": "object",
    },
    "KafkaLogContent": {"properties": {"sasl_config": {"$ref": "PluginKafkaLogSaslConfig"}}, "type": "object"},
    "BreakerContent": {
        "properties": {
            "breaker_condition": {"$ref": "PluginBreakerCondition"},
            "downgrade_rules": {"items": {"$ref": "PluginBreakerDowngradeRule"}, "type": ["array", "null"]},
        },
        "type": "object",
    },
    "RateLimitContent": {
        "properties": {"api_limit": {"not": {"const": 0, "type": "integer"}, "type": "integer"}},
        "type": "object",
    },
    "ThirdAuthContent": {
        "properties": {"auth_request": {"$ref": "PluginThirdAuthRequest"}},
        "if": {"required": ["rule_enabled"], "properties": {"rule_enabled": {"const": True, "type": "boolean"}}},
        "then": {"required": ["rule_type"]},
        "type": "object",
    },
    "HeaderPolicy": {
        "allOf": [
            {
                "if": {
                    "required": ["value_type"],
                    "properties": {"value_type": {"const": "system_parameter", "type": "string"}},
                },
                "then": {"properties": {"action": {"pattern": "^([Aa][Pp][Pp][Ee][Nn][Dd]|[Aa][Dd][Dd])$"}}},
            }
        ],
        "type": "object",
    },
    "PluginKafkaLogSaslConfig": {
        "allOf": [
            {
                "if": {
                    "required": ["security_protocol"],
                    "properties": {"security_protocol": {"type": "string", "enum": ["SASL_PLAINTEXT", "SASL_SSL"]}},
                },
                "then": {"required": ["sasl_username"]},
            },
            {
                "if": {
                    "required": ["security_protocol"],
                    "properties": {"security_protocol": {"const": "SASL_SSL", "type": "string"}},
                },
                "then": {"required": ["ssl_ca_content"]},
            },
        ],
        "type": "object",
    },
    "PluginBreakerCondition": {
        "allOf": [
            {
                "if": {
                    "required": ["breaker_mode"],
                    "properties": {"breaker_mode": {"const": "counter", "type": "string"}},
                },
                "then": {"required": ["unhealthy_threshold"]},
            },
            {
                "if": {
                    "required": ["breaker_mode"],
                    "properties": {"breaker_mode": {"const": "percentage", "type": "string"}},
                },
                "then": {"required": ["min_call_threshold", "unhealthy_percentage"]},
            },
        ],
        "type": "object",
    },
    "PluginBreakerDowngradeRule": {
        "properties": {"breaker_condition": {"$ref": "PluginBreakerCondition"}},
        "type": "object",
    },
    "PluginThirdAuthRequest": {
        "if": {
            "required": ["vpc_channel_enabled"],
            "properties": {"vpc_channel_enabled": {"const": False, "type": "boolean"}},
        },
        "then": {"required": ["url_domain"]},
        "type": "object",
    },
}


# Embedded JSON documents (`allOf`/`if`/`then` content rules of the spec): which content model each selector
# value chooses. See `ContentModel` in `_base.py`.
CreatePluginRequest.__content_rules__ = (
    *CreatePluginRequest.__content_rules__,
    ContentRule(
        property="plugin_content",
        selector="plugin_type",
        cases={
            "cors": CorsPluginContent,
            "set_resp_headers": SetRespHeadersContent,
            "kafka_log": KafkaLogContent,
            "breaker": BreakerContent,
            "rate_limit": RateLimitContent,
            "third_auth": ThirdAuthContent,
        },
        max_length=65535,
    ),
)
CreatePluginResponse.__content_rules__ = (
    *CreatePluginResponse.__content_rules__,
    ContentRule(
        property="plugin_content",
        selector="plugin_type",
        cases={
            "cors": CorsPluginContentReturned,
            "set_resp_headers": SetRespHeadersContentReturned,
            "kafka_log": KafkaLogContentReturned,
            "breaker": BreakerContentReturned,
            "rate_limit": RateLimitContentReturned,
            "third_auth": ThirdAuthContentReturned,
        },
        max_length=65535,
    ),
)
