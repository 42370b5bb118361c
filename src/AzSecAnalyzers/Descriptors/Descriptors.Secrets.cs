namespace AzSecAnalyzers;

public static partial class Descriptors
{
    public static readonly DiagnosticDescriptor AZSEC101_HardcodedCredential = Create(
        RuleIds.HardcodedCredential,
        title: "Hard-coded Azure credential",
        messageFormat: "This string holds an Azure credential ({0}, {1}); move the secret to Azure Key Vault and read it at run time, or authenticate with Microsoft Entra ID (a TokenCredential)",
        RuleCategories.Secrets,
        DiagnosticSeverity.Warning,
        description: "A credential written into source code ends up in every clone, fork, build log and package of the repository, and cannot be rotated without a code change. Storage account keys, SAS tokens, Service Bus, Event Hubs and Cosmos DB keys, App Configuration secrets, database passwords, Microsoft Entra client secrets, private keys and Microsoft identifiable keys are recognised by their shape.",
        cwe: 798);

    public static readonly DiagnosticDescriptor AZSEC102_HardcodedSecretArgument = Create(
        RuleIds.HardcodedSecretArgument,
        title: "Hard-coded secret passed to a credential API",
        messageFormat: "A hard-coded value reaches the secret parameter '{1}' of {0}; read the secret from Azure Key Vault or configuration, or use a TokenCredential",
        RuleCategories.Secrets,
        DiagnosticSeverity.Warning,
        description: "A literal, or a constant, local or read-only field that only ever holds a literal, is passed as the secret of a credential API (client secret, account key, SAS, password, signing key). The secret is then part of the source code.",
        cwe: 798);

    public static readonly DiagnosticDescriptor AZSEC103_CredentialNamedSymbol = Create(
        RuleIds.CredentialNamedSymbol,
        title: "Credential-named symbol assigned a literal",
        messageFormat: "'{0}' is named like a credential and is assigned a hard-coded value; read it from Azure Key Vault or configuration",
        RuleCategories.Secrets,
        DiagnosticSeverity.Warning,
        description: "A field, property, local, parameter default or attribute argument named like a secret (password, secret, API key, access key, token, connection string, SAS, credential) is assigned a literal that is not a placeholder. Even a weak or test password in source code is a credential that leaks with the repository.",
        cwe: 798);

    public static readonly DiagnosticDescriptor AZSEC104_SecretInConfigurationFile = Create(
        RuleIds.SecretInConfigurationFile,
        title: "Secret in a configuration file",
        messageFormat: "{0} in {1} at '{2}'; move it to Azure Key Vault and reference it with @Microsoft.KeyVault(SecretUri=...) in App Service or Functions app settings, or load it with the Key Vault configuration provider",
        RuleCategories.Secrets,
        DiagnosticSeverity.Warning,
        description: "A configuration file (appsettings*.json, local.settings.json, secrets.json, web.config or app.config, a publish profile) holds a credential: it is committed with the repository, copied into every build output and deployment package, and readable by anyone with access to either. Values with the shape of an Azure credential and non-placeholder values under keys named like a secret are reported; Key Vault references, placeholders and emulator values are not.",
        cwe: 798);

    public static readonly DiagnosticDescriptor AZSEC105_SecretLeak = Create(
        RuleIds.SecretLeak,
        title: "Secret written to a log or response",
        messageFormat: "{0} is written {1} by {2}; write a redacted marker or nothing instead",
        RuleCategories.Secrets,
        DiagnosticSeverity.Warning,
        description: "A secret (a Key Vault secret value, an access token, a configuration value named like a password, key or connection string, or a hard-coded credential) reaches a log, the console, debug or trace output, an exception message, an HTTP response body or a chat message sent to a language model. Logs and telemetry are read by far more people and systems than the vault the secret came from, a response sends it to the caller, and a prompt sends it to the model provider and lets the model repeat it.",
        cwe: 532);
}
