using AzSecAnalyzers.Infrastructure.AspNetCore;
using AzSecAnalyzers.Infrastructure.Options;
using AzSecAnalyzers.Infrastructure.Taint;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>AZSEC405, request size and form limits: attributes and server options that remove them (no taint needed).</summary>
public sealed partial class UnrestrictedResourceConsumptionAnalyzer
{
    /// <summary>True for the constants that mean "no limit": <c>int.MaxValue</c>, <c>long.MaxValue</c>.</summary>
    private static bool IsUnboundedConstant(IOperation value, out string text)
    {
        text = string.Empty;
        var constant = value.ConstantValue;
        if (!constant.HasValue)
        {
            return false;
        }

        switch (constant.Value)
        {
            case int i when i == int.MaxValue:
            case long l when l == int.MaxValue:
                text = "int.MaxValue";
                return true;
            case long l when l == long.MaxValue:
                text = "long.MaxValue";
                return true;
            default:
                return false;
        }
    }

    // ---- Request size and form limits ------------------------------------------------------

    private sealed class Limits
    {
        private readonly INamedTypeSymbol? _disableRequestSizeLimit;
        private readonly INamedTypeSymbol? _requestSizeLimit;
        private readonly INamedTypeSymbol? _requestFormLimits;
        private readonly INamedTypeSymbol? _formOptions;
        private readonly INamedTypeSymbol? _kestrelLimits;
        private readonly INamedTypeSymbol? _iisOptions;
        private readonly INamedTypeSymbol? _httpSysOptions;
        private readonly INamedTypeSymbol? _bodySizeFeature;

        public Limits(INamedTypeSymbol? disableRequestSizeLimit, INamedTypeSymbol? requestSizeLimit, INamedTypeSymbol? requestFormLimits, INamedTypeSymbol? formOptions, INamedTypeSymbol? kestrelLimits, INamedTypeSymbol? iisOptions, INamedTypeSymbol? httpSysOptions, INamedTypeSymbol? bodySizeFeature)
        {
            _disableRequestSizeLimit = disableRequestSizeLimit;
            _requestSizeLimit = requestSizeLimit;
            _requestFormLimits = requestFormLimits;
            _formOptions = formOptions;
            _kestrelLimits = kestrelLimits;
            _iisOptions = iisOptions;
            _httpSysOptions = httpSysOptions;
            _bodySizeFeature = bodySizeFeature;
        }

        public bool HasAttributes => _disableRequestSizeLimit is not null || _requestSizeLimit is not null;

        public bool HasOptions => _formOptions is not null || _kestrelLimits is not null || _iisOptions is not null || _httpSysOptions is not null || _bodySizeFeature is not null || _requestFormLimits is not null;

        public void AnalyzeAttribute(OperationAnalysisContext context)
        {
            if (context.Operation is not IAttributeOperation { Operation: IObjectCreationOperation creation } attribute)
            {
                return;
            }

            var type = creation.Type;
            if (TypeIdentity.Is(type, _disableRequestSizeLimit))
            {
                Report(context, attribute.Syntax, "[DisableRequestSizeLimit] removes the request body size limit", "remove it, or set the size the endpoint needs with [RequestSizeLimit(bytes)]");
            }
            else if (TypeIdentity.Is(type, _requestSizeLimit) && creation.Arguments.Length == 1 && IsUnboundedConstant(creation.Arguments[0].Value, out var text))
            {
                Report(context, creation.Arguments[0].Value.Syntax, $"[RequestSizeLimit({text})] sets no real request body size limit", "set the size the endpoint needs");
            }
        }

        /// <summary>Attributes on minimal-API handler lambdas are not reported as attribute operations: read them from the lambda's symbol.</summary>
        public void AnalyzeLambdaAttributes(OperationAnalysisContext context)
        {
            if (context.Operation is not IAnonymousFunctionOperation lambda)
            {
                return;
            }

            foreach (var attribute in lambda.Symbol.GetAttributes())
            {
                if (attribute.ApplicationSyntaxReference is not { } reference)
                {
                    continue;
                }

                if (TypeIdentity.Is(attribute.AttributeClass, _disableRequestSizeLimit))
                {
                    Report(context, reference.GetSyntax(context.CancellationToken), "[DisableRequestSizeLimit] removes the request body size limit", "remove it, or set the size the endpoint needs with [RequestSizeLimit(bytes)]");
                }
                else if (TypeIdentity.Is(attribute.AttributeClass, _requestSizeLimit)
                         && attribute.ConstructorArguments.Length == 1
                         && attribute.ConstructorArguments[0].Value is long limit
                         && limit is int.MaxValue or long.MaxValue
                         && reference.GetSyntax(context.CancellationToken) is AttributeSyntax { ArgumentList.Arguments: { Count: 1 } arguments })
                {
                    Report(context, arguments[0].Expression, $"[RequestSizeLimit({(limit == long.MaxValue ? "long.MaxValue" : "int.MaxValue")})] sets no real request body size limit", "set the size the endpoint needs");
                }
            }
        }

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            if (context.Operation is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: var property } } assignment)
            {
                return;
            }

            var value = assignment.Value;
            var containing = property.ContainingType;
            if (property.Name == "MaxRequestBodySize")
            {
                if (!(TypeIdentity.Is(containing, _kestrelLimits) || TypeIdentity.Is(containing, _iisOptions) || TypeIdentity.Is(containing, _httpSysOptions)
                      || TypeIdentity.IsOrInherits(containing, _bodySizeFeature)))
                {
                    return;
                }

                var unwrapped = value.WalkDownConversionsAndDelegates();
                if (unwrapped.ConstantValue is { HasValue: true, Value: null })
                {
                    Report(context, value.Syntax, $"'{containing.Name}.MaxRequestBodySize = null' removes the request body size limit", "keep a finite limit (the default is 30,000,000 bytes)");
                }
                else if (IsUnboundedConstant(unwrapped, out var text))
                {
                    Report(context, value.Syntax, $"'{containing.Name}.MaxRequestBodySize = {text}' sets no real request body size limit", "keep a finite limit (the default is 30,000,000 bytes)");
                }

                return;
            }

            if (!(TypeIdentity.Is(containing, _formOptions) || TypeIdentity.Is(containing, _requestFormLimits))
                || property.Name is not ("MultipartBodyLengthLimit" or "ValueLengthLimit" or "MultipartHeadersLengthLimit" or "ValueCountLimit" or "KeyLengthLimit" or "BufferBodyLengthLimit" or "MultipartHeadersCountLimit"))
            {
                return;
            }

            if (IsUnboundedConstant(value.WalkDownConversionsAndDelegates(), out var limit))
            {
                var name = TypeIdentity.Is(containing, _requestFormLimits) ? "RequestFormLimits" : containing.Name;
                Report(context, value.Syntax, $"'{name}.{property.Name} = {limit}' removes the form limit", "keep a finite limit the endpoint needs");
            }
        }

        private static void Report(OperationAnalysisContext context, SyntaxNode node, string what, string fix)
            => context.ReportDiagnostic(Diagnostic.Create(Descriptors.AZSEC405_UnrestrictedResourceConsumption, node.GetLocation(), what, fix));
    }
}
