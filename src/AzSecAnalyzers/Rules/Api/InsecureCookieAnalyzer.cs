using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>
/// AZSEC409: <c>CookieOptions.Secure = false</c>, <c>CookieBuilder.SecurePolicy = CookieSecurePolicy.None</c>,
/// <c>HttpOnly = false</c> on the authentication, session or antiforgery cookie, and
/// <c>SameSite = SameSiteMode.None</c> on a <c>CookieOptions</c> that is not made <c>Secure</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InsecureCookieAnalyzer : AzSecAnalyzer
{
    /// <summary>Replace the assigned value with <c>true</c>.</summary>
    public const string FixSetTrue = "SetTrue";

    /// <summary>Replace the assigned value with <c>CookieSecurePolicy.Always</c>.</summary>
    public const string FixSecurePolicyAlways = "SecurePolicyAlways";

    /// <summary>Add <c>Secure = true</c> to the object initializer that sets <c>SameSite</c>.</summary>
    public const string FixAddSecure = "AddSecure";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC409_InsecureCookie);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var cookieOptions = types.Get(WellKnownTypeNames.CookieOptions);
        var cookieBuilder = types.Get(WellKnownTypeNames.CookieBuilder);
        if (cookieOptions is null && cookieBuilder is null)
        {
            return;
        }

        var rule = new Rule(
            cookieOptions,
            cookieBuilder,
            types.Get(WellKnownTypeNames.CookieSecurePolicy),
            types.Get(WellKnownTypeNames.SameSiteMode),
            ImmutableArray.Create(
                types.Get(WellKnownTypeNames.CookieAuthenticationOptions),
                types.Get(WellKnownTypeNames.SessionOptions),
                types.Get(WellKnownTypeNames.AntiforgeryOptions)),
            types.Get(WellKnownTypeNames.ResponseCookies),
            DevelopmentGuard.Create(types));

        // Dense code assigns many properties: only assignments to the four cookie members are bound.
        context.RegisterSyntaxNodeAction(rule.Analyze, SyntaxKind.SimpleAssignmentExpression);
    }

    private sealed class Rule
    {
        private readonly INamedTypeSymbol? _cookieOptions;
        private readonly INamedTypeSymbol? _cookieBuilder;
        private readonly INamedTypeSymbol? _securePolicy;
        private readonly INamedTypeSymbol? _sameSite;
        private readonly ImmutableArray<INamedTypeSymbol?> _sensitiveCookieOwners;
        private readonly INamedTypeSymbol? _responseCookies;
        private readonly DevelopmentGuard _guard;

        public Rule(INamedTypeSymbol? cookieOptions, INamedTypeSymbol? cookieBuilder, INamedTypeSymbol? securePolicy, INamedTypeSymbol? sameSite, ImmutableArray<INamedTypeSymbol?> sensitiveCookieOwners, INamedTypeSymbol? responseCookies, DevelopmentGuard guard)
        {
            _responseCookies = responseCookies;
            _cookieOptions = cookieOptions;
            _cookieBuilder = cookieBuilder;
            _securePolicy = securePolicy;
            _sameSite = sameSite;
            _sensitiveCookieOwners = sensitiveCookieOwners;
            _guard = guard;
        }

        public void Analyze(SyntaxNodeAnalysisContext context)
        {
            var syntax = (AssignmentExpressionSyntax)context.Node;
            var name = syntax.Left switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                _ => null,
            };
            if (name is not ("Secure" or "SecurePolicy" or "HttpOnly" or "SameSite")
                || context.SemanticModel.GetOperation(syntax, context.CancellationToken) is not ISimpleAssignmentOperation assignment
                || assignment.Target is not IPropertyReferenceOperation { Property: var property } target)
            {
                return;
            }

            var value = assignment.Value.WalkDownConversionsAndDelegates();
            var isOptions = TypeIdentity.IsOrInherits(property.ContainingType, _cookieOptions);
            var isBuilder = TypeIdentity.IsOrInherits(property.ContainingType, _cookieBuilder);
            if (!isOptions && !isBuilder)
            {
                return;
            }

            string? problem = null;
            string? fix = null;
            string? fixKind = null;
            switch (property.Name)
            {
                case "Secure" when isOptions && IsFalse(value):
                    problem = "'CookieOptions.Secure = false' lets the cookie travel over plain HTTP";
                    fix = "set Secure = true";
                    fixKind = FixSetTrue;
                    break;

                case "SecurePolicy" when isBuilder && IsEnumField(value, _securePolicy, "None"):
                    problem = "'CookieBuilder.SecurePolicy = CookieSecurePolicy.None' lets the cookie travel over plain HTTP";
                    fix = "use CookieSecurePolicy.Always";
                    fixKind = FixSecurePolicyAlways;
                    break;

                case "HttpOnly" when IsFalse(value) && ((isBuilder && IsSensitiveCookie(target)) || (isOptions && AppendsSensitiveCookie(assignment))):
                    problem = "'HttpOnly = false' lets scripts read the authentication or session cookie";
                    fix = "set HttpOnly = true";
                    fixKind = FixSetTrue;
                    break;

                case "SameSite" when isBuilder && IsEnumField(value, _sameSite, "None") && !SetsSecurePolicy(assignment):
                    problem = "'SameSite = SameSiteMode.None' without 'SecurePolicy = CookieSecurePolicy.Always' sends the cookie cross-site, also over plain HTTP";
                    fix = "also set SecurePolicy = CookieSecurePolicy.Always";
                    break;

                case "SameSite" when isOptions && IsEnumField(value, _sameSite, "None") && !SetsSecure(assignment):
                    problem = "'SameSite = SameSiteMode.None' without 'Secure = true' sends the cookie cross-site, and browsers reject it";
                    fix = "also set Secure = true";
                    fixKind = assignment.Parent is IObjectOrCollectionInitializerOperation ? FixAddSecure : null;
                    break;
            }

            if (problem is null || _guard.IsGuarded(assignment))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AZSEC409_InsecureCookie,
                target.Syntax.MemberNameLocation(),
                FixContract.Properties(fixKind),
                problem,
                fix));
        }

        /// <summary>
        /// <c>Response.Cookies.Append("session", value, new CookieOptions { HttpOnly = false })</c> with a cookie name that
        /// says session, authentication or token. Cookies scripts must read (<c>XSRF-TOKEN</c> for SPA antiforgery) stay silent.
        /// </summary>
        private bool AppendsSensitiveCookie(ISimpleAssignmentOperation assignment)
        {
            IOperation? current = assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation } ? creation : null;
            while (current?.Parent is IConversionOperation)
            {
                current = current.Parent;
            }

            if (current?.Parent is not IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Append" } append }
                || !TypeIdentity.IsOrInherits(append.TargetMethod.ContainingType, _responseCookies))
            {
                return false;
            }

            foreach (var argument in append.Arguments)
            {
                if (argument.Parameter?.Name == "key" && argument.Value.ConstantValue is { HasValue: true, Value: string key })
                {
                    return IsSensitiveCookieName(key);
                }
            }

            return false;
        }

        private static bool IsSensitiveCookieName(string name)
        {
            if (Contains(name, "xsrf") || Contains(name, "csrf") || Contains(name, "antiforgery"))
            {
                return false;
            }

            return Contains(name, "session") || Contains(name, "auth") || Contains(name, "token") || Contains(name, "jwt")
                   || Contains(name, "identity") || Contains(name, "refresh");

            static bool Contains(string text, string part) => text.IndexOf(part, System.StringComparison.OrdinalIgnoreCase) >= 0;
        }

        /// <summary>
        /// True when the same cookie builder also gets a <c>SecurePolicy</c> other than None/SameAsRequest: in the same
        /// initializer, or by an assignment through the same receiver (<c>options.Cookie.SecurePolicy</c>).
        /// </summary>
        private bool SetsSecurePolicy(ISimpleAssignmentOperation sameSite)
        {
            if (sameSite.Parent is IObjectOrCollectionInitializerOperation initializer)
            {
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "SecurePolicy" } } policy && IsSecurePolicy(policy.Value))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (sameSite.Target is not IPropertyReferenceOperation { Instance: { } receiver })
            {
                return true;
            }

            foreach (var operation in sameSite.Root().Descendants())
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "SecurePolicy", Instance: { } other } } policy
                    && SameReceiver(receiver, other)
                    && IsSecurePolicy(policy.Value))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsSecurePolicy(IOperation value)
        {
            value = value.WalkDownConversionsAndDelegates();
            return !IsEnumField(value, _securePolicy, "None") && !IsEnumField(value, _securePolicy, "SameAsRequest");
        }

        /// <summary><c>options.Cookie</c> and <c>options.Cookie</c>: the same chain of members on the same local or parameter.</summary>
        private static bool SameReceiver(IOperation a, IOperation b)
        {
            for (var depth = 0; depth < 8; depth++)
            {
                switch (a, b)
                {
                    case (IPropertyReferenceOperation left, IPropertyReferenceOperation right) when SymbolEqualityComparer.Default.Equals(left.Property, right.Property):
                        if (left.Instance is null || right.Instance is null)
                        {
                            return left.Instance is null && right.Instance is null;
                        }

                        a = left.Instance;
                        b = right.Instance;
                        continue;
                    case (IParameterReferenceOperation left, IParameterReferenceOperation right):
                        return SymbolEqualityComparer.Default.Equals(left.Parameter, right.Parameter);
                    case (ILocalReferenceOperation left, ILocalReferenceOperation right):
                        return SymbolEqualityComparer.Default.Equals(left.Local, right.Local);
                    case (IInstanceReferenceOperation, IInstanceReferenceOperation):
                        return true;
                    default:
                        return false;
                }
            }

            return false;
        }

        private static bool IsFalse(IOperation value) => value.ConstantValue is { HasValue: true, Value: false };

        private static bool IsEnumField(IOperation value, INamedTypeSymbol? enumType, string name)
            => value is IFieldReferenceOperation { Field: var field } && field.Name == name && TypeIdentity.Is(field.ContainingType, enumType);

        /// <summary>True when the cookie builder belongs to cookie authentication, the session or antiforgery (<c>options.Cookie.HttpOnly</c>, or <c>Cookie = { HttpOnly = … }</c>).</summary>
        private bool IsSensitiveCookie(IPropertyReferenceOperation target)
        {
            var owner = target.Instance switch
            {
                IPropertyReferenceOperation { Property.Name: "Cookie" } cookie => cookie.Property.ContainingType,
                IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } => InitializedCookieOwner(target),
                _ => null,
            };

            foreach (var sensitive in _sensitiveCookieOwners)
            {
                if (TypeIdentity.IsOrInherits(owner, sensitive))
                {
                    return true;
                }
            }

            return false;
        }

        private static ITypeSymbol? InitializedCookieOwner(IOperation target)
        {
            // Cookie = { HttpOnly = false } inside new CookieAuthenticationOptions { … } or an options lambda.
            var initializer = target.Parent?.Parent;
            return initializer?.Parent is IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: "Cookie" } cookie }
                ? cookie.Property.ContainingType
                : null;
        }

        /// <summary>True when the same initializer or the same local also sets <c>Secure</c> (to anything but false).</summary>
        private static bool SetsSecure(ISimpleAssignmentOperation sameSite)
        {
            ILocalSymbol? local = null;
            if (sameSite.Parent is IObjectOrCollectionInitializerOperation initializer)
            {
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Secure" } } secure && !IsFalse(secure.Value))
                    {
                        return true;
                    }
                }

                // var options = new CookieOptions { SameSite = … }; options.Secure = true;
                local = (initializer.Parent?.Parent as IVariableInitializerOperation)?.Parent is IVariableDeclaratorOperation declarator ? declarator.Symbol : null;
                if (local is null)
                {
                    return false;
                }
            }
            else if (sameSite.Target is IPropertyReferenceOperation { Instance: ILocalReferenceOperation reference })
            {
                local = reference.Local;
            }
            else
            {
                // Another shape (a field, a parameter): what else sets it cannot be seen here.
                return true;
            }

            foreach (var operation in sameSite.Root().Descendants())
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Secure", Instance: ILocalReferenceOperation other } } secure
                    && SymbolEqualityComparer.Default.Equals(other.Local, local)
                    && !IsFalse(secure.Value))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
