using AzSecAnalyzers.Infrastructure.AspNetCore;
using AzSecAnalyzers.Infrastructure.Options;
using AzSecAnalyzers.Infrastructure.Taint;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>AZSEC405, page sizes: a request-supplied page size reaching a paging API with no upper bound on the way.</summary>
public sealed partial class UnrestrictedResourceConsumptionAnalyzer
{
    private sealed partial class TaintRule
    {
        /// <summary>
        /// An upper-bound comparison of an integer local, parameter or field (<c>pageSize &gt; 100</c>, <c>100 &lt; pageSize</c>,
        /// <c>pageSize &lt;= max</c>): the value is bounded on the branch where it is not above the other side.
        /// </summary>
        public static bool UpperBoundGuard(IOperation condition, out IOperation guarded, out bool whenTrue)
        {
            guarded = condition;
            whenTrue = false;
            if (condition is not IBinaryOperation binary)
            {
                return false;
            }

            var left = binary.LeftOperand.WalkDownConversionsAndDelegates();
            var right = binary.RightOperand.WalkDownConversionsAndDelegates();
            switch (binary.OperatorKind)
            {
                case BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual when IsBoundable(left):
                    guarded = left;
                    whenTrue = false;
                    return true;
                case BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual when IsBoundable(left):
                    guarded = left;
                    whenTrue = true;
                    return true;
                case BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual when IsBoundable(right):
                    guarded = right;
                    whenTrue = false;
                    return true;
                case BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual when IsBoundable(right):
                    guarded = right;
                    whenTrue = true;
                    return true;
                default:
                    return false;
            }

            static bool IsBoundable(IOperation operation)
                => operation is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation
                   && operation.Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_UInt32 or SpecialType.System_UInt64;
        }

        private static void AddPageSink(TaintSinkCollector<SinkTag> sinks, IOperation value, IOperation sink, string api)
        {
            // An int argument to an int? parameter: clamp (and report) the int itself.
            var reported = value is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : value;
            if (reported.ConstantValue.HasValue)
            {
                return;
            }

            var fix = reported.Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 ? FixClamp : null;
            sinks.Add(reported, sink, new SinkTag(SinkKind.PageSize, api, null, fix, null));
        }

        private bool HasRangeBound(ISymbol symbol)
        {
            if (_range is null)
            {
                return false;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                if (TypeIdentity.Is(attribute.AttributeClass, _range) && attribute.ConstructorArguments.Length == 2)
                {
                    return attribute.ConstructorArguments[1].Value switch
                    {
                        int max => max < int.MaxValue,
                        double max => max < int.MaxValue,
                        _ => false,
                    };
                }
            }

            return false;
        }

        /// <summary><c>query.PageSize</c> where <c>PageSize</c> has <c>[Range(1, 100)]</c> and the action's controller is an <c>[ApiController]</c>.</summary>
        private bool IsRangeBoundMember(OperationBlockAnalysisContext context, IOperation value)
            => value.WalkDownConversionsAndDelegates() is IPropertyReferenceOperation { Property: var property }
               && HasRangeBound(property)
               && _request.IsApiControllerType(context.OwningSymbol.ContainingType);
    }
}
