namespace AzSecAnalyzers.Infrastructure.AspNetCore;

/// <summary>The business flows OWASP API6 names, recognised in action names and route templates.</summary>
internal enum SensitiveFlow
{
    None,

    /// <summary>Log-in, sign-up, token, password reset, one-time codes: anonymous by design, abused by credential stuffing.</summary>
    Authentication,

    /// <summary>Checkout, payment, money transfer: abused by automation (scalping, card testing).</summary>
    Payment,

    /// <summary>Log-out: no API6 flow (nothing to automate), but anonymous by design like <see cref="Authentication"/>.</summary>
    SignOut,
}

/// <summary>Classifies an endpoint's names (action, controller, route template) into a <see cref="SensitiveFlow"/>.</summary>
internal static class SensitiveFlows
{
    private static readonly HashSet<string> AuthenticationWords = new(StringComparer.Ordinal)
    {
        "login", "logon", "signin", "signup", "register", "registration", "token", "password", "passwordreset",
        "otp", "totp", "mfa", "2fa", "twofactor", "authenticate", "verifycode", "resendcode",
    };

    private static readonly HashSet<string> PaymentWords = new(StringComparer.Ordinal)
    {
        "checkout", "transfer", "transfers", "payment", "payments", "pay", "payout", "withdraw", "withdrawal",
    };

    private static readonly HashSet<string> SignOutWords = new(StringComparer.Ordinal)
    {
        "logout", "logoff", "signout", "signoff",
    };

    // A resource whose creation is the flow, recognised only as a controller's name: POST /registrations signs up.
    private static readonly HashSet<string> AuthenticationResources = new(StringComparer.Ordinal)
    {
        "registrations", "authorizations", "tokens",
    };

    // "LinkLogin", "RemoveLogin": managing the external logins of a signed-in user, not signing in.
    private static readonly HashSet<string> LoginManagementWords = new(StringComparer.Ordinal)
    {
        "link", "unlink", "remove", "manage",
    };

    // Action names that say only "handle the verb", so the controller's name says what the action does.
    private static readonly HashSet<string> BareActionNames = new(StringComparer.Ordinal)
    {
        "post", "put", "create", "submit", "handle", "execute", "index",
    };

    // Two-word spellings: "log in", "sign in", "sign up", "two factor", "check out", "log out".
    private static readonly (string First, string Second, SensitiveFlow Flow)[] Pairs =
    {
        ("log", "in", SensitiveFlow.Authentication),
        ("log", "on", SensitiveFlow.Authentication),
        ("sign", "in", SensitiveFlow.Authentication),
        ("sign", "up", SensitiveFlow.Authentication),
        ("two", "factor", SensitiveFlow.Authentication),
        ("check", "out", SensitiveFlow.Payment),
        ("log", "out", SensitiveFlow.SignOut),
        ("log", "off", SensitiveFlow.SignOut),
        ("sign", "out", SensitiveFlow.SignOut),
        ("sign", "off", SensitiveFlow.SignOut),
    };

    /// <summary>The strongest flow any of the names shows: authentication, then payment, then sign-out.</summary>
    public static SensitiveFlow Classify(params string?[] names)
    {
        var result = SensitiveFlow.None;
        foreach (var name in names)
        {
            result = Stronger(result, ClassifyOne(name, resource: false));
            if (result == SensitiveFlow.Authentication)
            {
                return result;
            }
        }

        return result;
    }

    /// <summary>
    /// The flow of a controller action, the one home both AZSEC401 (anonymous by design) and AZSEC412 (rate limiting)
    /// read: its route templates and name, and, for a POST or PUT action named only by its verb (<c>Post</c>, <c>Put</c>,
    /// <c>Create</c>), the controller's name (<c>RegistrationsController.Post</c> signs up,
    /// <c>PasswordResetsController.Put</c> completes a reset, <c>AuthorizationsController.Post</c> signs in).
    /// </summary>
    public static SensitiveFlow OfAction(EndpointModel model, IMethodSymbol action, HttpVerbs verbs)
    {
        var result = SensitiveFlow.None;
        foreach (var template in model.ActionTemplates(action))
        {
            result = Stronger(result, ClassifyOne(template, resource: false));
        }

        result = Stronger(result, ClassifyOne(action.Name, resource: false));
        if (result == SensitiveFlow.None && (verbs & (HttpVerbs.Post | HttpVerbs.Put)) != 0 && IsBareActionName(action.Name))
        {
            var controller = action.ContainingType.Name;
            result = ClassifyOne(controller.EndsWith("Controller", StringComparison.Ordinal) ? controller.Substring(0, controller.Length - "Controller".Length) : controller, resource: true);
        }

        return result;
    }

    /// <summary>
    /// The flow of a minimal-API endpoint: its route and handler name, and, for a POST or PUT mapped on the group's own
    /// path (<c>transfers.MapPost("/", …)</c>), the prefixes of the groups it is mapped on.
    /// </summary>
    public static SensitiveFlow OfEndpoint(EndpointModel model, in MinimalEndpoint endpoint)
    {
        var result = Classify(endpoint.Route, endpoint.HandlerMethod is { MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction } handler ? handler.Name : null);
        if (result == SensitiveFlow.None && (endpoint.Verbs & (HttpVerbs.Post | HttpVerbs.Put)) != 0 && Words(endpoint.Route ?? string.Empty).Count == 0)
        {
            foreach (var prefix in model.GroupPrefixes(endpoint.Receiver))
            {
                result = Stronger(result, ClassifyOne(prefix, resource: true));
            }
        }

        return result;
    }

    private static bool IsBareActionName(string name)
    {
        var words = Words(name);
        return words.Count == 1 ? BareActionNames.Contains(words[0]) : words.Count == 2 && words[1] == "async" && BareActionNames.Contains(words[0]);
    }

    private static SensitiveFlow Stronger(SensitiveFlow a, SensitiveFlow b) => Rank(b) > Rank(a) ? b : a;

    private static int Rank(SensitiveFlow flow) => flow switch
    {
        SensitiveFlow.Authentication => 3,
        SensitiveFlow.Payment => 2,
        SensitiveFlow.SignOut => 1,
        _ => 0,
    };

    private static SensitiveFlow ClassifyOne(string? name, bool resource)
    {
        if (string.IsNullOrEmpty(name))
        {
            return SensitiveFlow.None;
        }

        var words = Words(name!);
        var result = SensitiveFlow.None;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if ((AuthenticationWords.Contains(word) && !(word == "login" && i > 0 && LoginManagementWords.Contains(words[i - 1])))
                || (resource && AuthenticationResources.Contains(word)))
            {
                return SensitiveFlow.Authentication;
            }

            if (PaymentWords.Contains(word))
            {
                result = SensitiveFlow.Payment;
            }
            else if (SignOutWords.Contains(word))
            {
                result = Stronger(result, SensitiveFlow.SignOut);
            }

            if (i + 1 < words.Count)
            {
                foreach (var (first, second, flow) in Pairs)
                {
                    if (word == first && words[i + 1] == second)
                    {
                        if (flow == SensitiveFlow.Authentication)
                        {
                            return flow;
                        }

                        result = Stronger(result, flow);
                    }
                }
            }
        }

        return result;
    }

    /// <summary>Lower-case words of an identifier or route: split at case changes and at every non-alphanumeric character; route parameters skipped.</summary>
    internal static List<string> Words(string name)
    {
        var words = new List<string>();
        var start = -1;
        var inParameter = false;
        for (var i = 0; i <= name.Length; i++)
        {
            var c = i < name.Length ? name[i] : '\0';
            if (c == '{')
            {
                inParameter = true;
            }

            var boundary = !char.IsLetterOrDigit(c)
                || (start >= 0 && char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]));
            if (boundary && start >= 0)
            {
                if (!inParameter)
                {
                    words.Add(name.Substring(start, i - start).ToLowerInvariant());
                }

                start = -1;
            }

            if (c == '}')
            {
                inParameter = false;
            }

            if (char.IsLetterOrDigit(c) && start < 0)
            {
                start = i;
            }
        }

        return words;
    }
}
