using AzSecAnalyzers.Infrastructure.AspNetCore;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>
/// AZSEC411: a deserializer that lets the data choose the types to create. Newtonsoft.Json
/// <c>TypeNameHandling</c> other than <c>None</c> (settings and serializer properties, constants
/// through locals, <c>[JsonProperty]</c>/container attributes), silent when a restrictive
/// <c>SerializationBinder</c> is set on the same object in the same body; <c>BinaryFormatter</c> and
/// the other type-embedding formatters (creation, or the <c>Deserialize</c> call when the formatter
/// is deserialized from in the same body); <c>JavaScriptSerializer</c> with <c>SimpleTypeResolver</c>.
/// The message says when the input is an Azure message body.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed partial class UnsafeDeserializationAnalyzer : AzSecAnalyzer
{
    /// <summary>Fix: write <c>TypeNameHandling.None</c>. Formatter and type-resolver findings have no fix.</summary>
    public const string FixTypeNameHandlingNone = "TypeNameHandlingNone";

    private const string ExternalData = "the serialized data";

    private static readonly ImmutableDictionary<string, string?> TypeNameHandlingProperties = FixContract.Properties(FixTypeNameHandlingNone)!;

    private static readonly ImmutableHashSet<string> DeserializeMethods = ImmutableHashSet.Create(
        "Deserialize", "UnsafeDeserialize", "UnsafeDeserializeMethodResponse", "ReadObject");

    private static readonly ImmutableHashSet<string> JsonConvertReads = ImmutableHashSet.Create(
        "DeserializeObject", "PopulateObject", "DeserializeAnonymousType");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC411_UnsafeDeserialization);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var bodies = MessageBodies.Create(types);
        var newtonsoft = Newtonsoft.Create(types);
        if (newtonsoft is not null)
        {
            context.RegisterOperationAction(c => AnalyzeAssignment(c, newtonsoft, bodies), OperationKind.SimpleAssignment);
            if (newtonsoft.PropertyAttribute is not null || newtonsoft.ContainerAttribute is not null)
            {
                context.RegisterSyntaxNodeAction(c => AnalyzeAttributeArgument(c, newtonsoft), SyntaxKind.AttributeArgument);
            }
        }

        var formatters = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var name in new[]
        {
            WellKnownTypeNames.BinaryFormatter, WellKnownTypeNames.NetDataContractSerializer, WellKnownTypeNames.SoapFormatter,
            WellKnownTypeNames.LosFormatter, WellKnownTypeNames.ObjectStateFormatter,
        })
        {
            if (types.Get(name) is { } formatter)
            {
                formatters.Add(formatter);
            }
        }

        var javaScriptSerializer = types.Get(WellKnownTypeNames.JavaScriptSerializer);
        var simpleTypeResolver = types.Get(WellKnownTypeNames.SimpleTypeResolver);
        var resolver = javaScriptSerializer is not null && simpleTypeResolver is not null ? (javaScriptSerializer, simpleTypeResolver) : default;
        if (formatters.Count == 0 && resolver == default)
        {
            return;
        }

        var formatterTypes = formatters.ToImmutable();
        if (formatterTypes.Length > 0)
        {
            context.RegisterOperationAction(c => AnalyzeDeserializeCall(c, formatterTypes, bodies), OperationKind.Invocation);
        }

        context.RegisterOperationAction(c => AnalyzeCreation(c, formatterTypes, resolver), OperationKind.ObjectCreation);
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, Newtonsoft newtonsoft, MessageBodies bodies)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "TypeNameHandling", Instance: { } instance } target
            || !newtonsoft.IsSettingsOrSerializer(target.Property.ContainingType)
            || UnsafeHandling(assignment.Value, newtonsoft) is not { } handling)
        {
            return;
        }

        var aliases = SameObject.For(instance);
        if (HasRestrictiveBinder(aliases, newtonsoft) || OnlySerializes(aliases))
        {
            return;
        }

        var input = DeserializedInput(aliases, newtonsoft, bodies) ?? ExternalData;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.AZSEC411_UnsafeDeserialization,
            assignment.Value.Syntax.GetLocation(),
            TypeNameHandlingProperties,
            $"'TypeNameHandling.{handling}' on {target.Property.ContainingType.Name}",
            input,
            "use TypeNameHandling.None, or set a SerializationBinder that allows only known types"));
    }

    private static void AnalyzeAttributeArgument(SyntaxNodeAnalysisContext context, Newtonsoft newtonsoft)
    {
        var argument = (AttributeArgumentSyntax)context.Node;
        if (argument.NameEquals?.Name.Identifier.ValueText is not ("TypeNameHandling" or "ItemTypeNameHandling") || argument.Parent?.Parent is not AttributeSyntax attribute)
        {
            return;
        }

        var model = context.SemanticModel;
        if (model.GetTypeInfo(attribute, context.CancellationToken).Type is not INamedTypeSymbol attributeType
            || !(TypeIdentity.IsOrInherits(attributeType, newtonsoft.PropertyAttribute) || TypeIdentity.IsOrInherits(attributeType, newtonsoft.ContainerAttribute))
            || model.GetConstantValue(argument.Expression, context.CancellationToken) is not { HasValue: true, Value: int value }
            || value == 0)
        {
            return;
        }

        var name = argument.NameEquals.Name.Identifier.ValueText;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.AZSEC411_UnsafeDeserialization,
            argument.Expression.GetLocation(),
            TypeNameHandlingProperties,
            $"'{name} = TypeNameHandling.{HandlingName(newtonsoft, value)}' on [{TrimAttribute(attributeType.Name)}]",
            ExternalData,
            $"remove {name} or use TypeNameHandling.None"));
    }

    private static void AnalyzeDeserializeCall(OperationAnalysisContext context, ImmutableArray<INamedTypeSymbol> formatters, MessageBodies bodies)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!DeserializeMethods.Contains(invocation.TargetMethod.Name)
            || invocation.Instance is null
            || FormatterOf(invocation.TargetMethod.ContainingType, formatters) is not { } formatter
            || invocation.Arguments.Length == 0)
        {
            return;
        }

        var input = bodies.Describe(invocation.Arguments[0].Value) ?? ExternalData;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.AZSEC411_UnsafeDeserialization,
            invocation.Syntax.MemberNameLocation(),
            properties: null,
            $"{formatter.Name}.{invocation.TargetMethod.Name}",
            input,
            FormatterFix(formatter)));
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, ImmutableArray<INamedTypeSymbol> formatters, (INamedTypeSymbol Serializer, INamedTypeSymbol Resolver) resolver)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is not INamedTypeSymbol type)
        {
            return;
        }

        if (FormatterOf(type, formatters) is { } formatter)
        {
            if (!IsDeserializedFromInSameBody(creation))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.AZSEC411_UnsafeDeserialization,
                    creation.Syntax.GetLocation(),
                    properties: null,
                    formatter.Name,
                    ExternalData,
                    FormatterFix(formatter)));
            }

            return;
        }

        if (resolver != default
            && TypeIdentity.IsOrInherits(type, resolver.Serializer)
            && creation.Arguments.Length > 0
            && TypeIdentity.IsOrInherits(creation.Arguments[0].Value.WalkDownConversionsAndDelegates().Type as INamedTypeSymbol, resolver.Resolver))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AZSEC411_UnsafeDeserialization,
                creation.Arguments[0].Syntax.GetLocation(),
                properties: null,
                "JavaScriptSerializer with SimpleTypeResolver",
                ExternalData,
                "construct JavaScriptSerializer without a type resolver, or move to System.Text.Json"));
        }
    }

    /// <summary>The constant TypeNameHandling name when <paramref name="value"/> is (or is a local only assigned) a non-None constant.</summary>
    private static string? UnsafeHandling(IOperation value, Newtonsoft newtonsoft)
    {
        if (value.ConstantValue is { HasValue: true, Value: int constant })
        {
            return constant == 0 ? null : HandlingName(newtonsoft, constant);
        }

        if (value.WalkDownConversionsAndDelegates() is ILocalReferenceOperation local)
        {
            // Policy: any value the local is given (initializer or assignment), in any order.
            foreach (var write in SymbolWrites.Of(local.Local, value.Root()))
            {
                if (write.Value?.ConstantValue is { HasValue: true, Value: int assignedConstant } && assignedConstant != 0)
                {
                    return HandlingName(newtonsoft, assignedConstant);
                }
            }
        }

        return null;
    }

    private static string HandlingName(Newtonsoft newtonsoft, int value)
    {
        foreach (var member in newtonsoft.TypeNameHandling.GetMembers())
        {
            if (member is IFieldSymbol { HasConstantValue: true, ConstantValue: int fieldValue } field && fieldValue == value)
            {
                return field.Name;
            }
        }

        return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    // new BinaryFormatter().Deserialize(s), or var f = new BinaryFormatter(); … f.Deserialize(s): the call is reported instead.
    private static bool IsDeserializedFromInSameBody(IObjectCreationOperation creation)
    {
        var current = creation.WalkUpConversions();

        if (current.Parent is IInvocationOperation parent && parent.Instance == current)
        {
            return DeserializeMethods.Contains(parent.TargetMethod.Name);
        }

        if (creation.StoredInto() is not ILocalSymbol local)
        {
            return false;
        }

        foreach (var operation in creation.Root().Descendants())
        {
            if (operation is IInvocationOperation { Instance: { } instance } invocation
                && DeserializeMethods.Contains(invocation.TargetMethod.Name)
                && instance.WalkDownConversionsAndDelegates() is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                return true;
            }
        }

        return false;
    }

    private static INamedTypeSymbol? FormatterOf(INamedTypeSymbol? type, ImmutableArray<INamedTypeSymbol> formatters)
    {
        foreach (var formatter in formatters)
        {
            if (TypeIdentity.IsOrInherits(type, formatter))
            {
                return formatter;
            }
        }

        return null;
    }

    private static string FormatterFix(INamedTypeSymbol formatter) => formatter.Name switch
    {
        "NetDataContractSerializer" => "use DataContractSerializer with known types, or System.Text.Json",
        "LosFormatter" or "ObjectStateFormatter" => "keep view state MAC validation on and do not deserialize client data with it; store the data server-side or use System.Text.Json",
        _ => "use System.Text.Json, or DataContractSerializer with known types",
    };

    private static string TrimAttribute(string name)
        => name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
}
