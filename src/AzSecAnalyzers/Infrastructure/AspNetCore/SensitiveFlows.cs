namespace AzSecAnalyzers.Infrastructure.AspNetCore;

/// <summary>The business flows OWASP API6 names, recognised in action names and route templates.</summary>
internal enum SensitiveFlow
{
    None,

    /// <summary>Log-in, sign-up, token, password reset, one-time codes: anonymous by design, abused by credential stuffing.</summary>
    Authentication,

    /// <summary>Checkout, payment, money transfer: abused by automation (scalping, card testing).</summary>
    Payment,
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

    // Two-word spellings: "log in", "sign in", "sign up", "two factor", "check out".
    private static readonly (string First, string Second, SensitiveFlow Flow)[] Pairs =
    {
        ("log", "in", SensitiveFlow.Authentication),
        ("log", "on", SensitiveFlow.Authentication),
        ("sign", "in", SensitiveFlow.Authentication),
        ("sign", "up", SensitiveFlow.Authentication),
        ("two", "factor", SensitiveFlow.Authentication),
        ("check", "out", SensitiveFlow.Payment),
    };

    /// <summary>The first sensitive flow any of the names shows; authentication wins over payment.</summary>
    public static SensitiveFlow Classify(params string?[] names)
    {
        var result = SensitiveFlow.None;
        foreach (var name in names)
        {
            var flow = ClassifyOne(name);
            if (flow == SensitiveFlow.Authentication)
            {
                return flow;
            }

            if (flow != SensitiveFlow.None)
            {
                result = flow;
            }
        }

        return result;
    }

    private static SensitiveFlow ClassifyOne(string? name)
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
            if (AuthenticationWords.Contains(word))
            {
                return SensitiveFlow.Authentication;
            }

            if (PaymentWords.Contains(word))
            {
                result = SensitiveFlow.Payment;
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

                        result = flow;
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
