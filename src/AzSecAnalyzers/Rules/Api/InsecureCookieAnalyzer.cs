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
            DevelopmentGuard.Create(types));
        context.RegisterOperationAction(rule.Analyze, OperationKind.SimpleAssignment);
    }

    private sealed class Rule
    {
        private readonly INamedTypeSymbol? _cookieOptions;
        private readonly INamedTypeSymbol? _cookieBuilder;
        private readonly INamedTypeSymbol? _securePolicy;
        private readonly INamedTypeSymbol? _sameSite;
        private readonly ImmutableArray<INamedTypeSymbol?> _sensitiveCookieOwners;
        private readonly DevelopmentGuard _guard;

        public Rule(INamedTypeSymbol? cookieOptions, INamedTypeSymbol? cookieBuilder, INamedTypeSymbol? securePolicy, INamedTypeSymbol? sameSite, ImmutableArray<INamedTypeSymbol?> sensitiveCookieOwners, DevelopmentGuard guard)
        {
            _cookieOptions = cookieOptions;
            _cookieBuilder = cookieBuilder;
            _securePolicy = securePolicy;
            _sameSite = sameSite;
            _sensitiveCookieOwners = sensitiveCookieOwners;
            _guard = guard;
        }

        public void Analyze(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property: var property } target)
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

                case "HttpOnly" when isBuilder && IsFalse(value) && IsSensitiveCookie(target):
                    problem = "'HttpOnly = false' lets scripts read the authentication or session cookie";
                    fix = "set HttpOnly = true";
                    fixKind = FixSetTrue;
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
