// The namespaces nearly every code-fix file opens: declared once for the assembly instead of at the top of each file.
global using System;
global using System.Collections.Generic;
global using System.Collections.Immutable;
global using System.Composition;
global using System.Linq;
global using System.Threading;
global using System.Threading.Tasks;
global using Microsoft.CodeAnalysis;
global using Microsoft.CodeAnalysis.CSharp;
global using Microsoft.CodeAnalysis.CSharp.Syntax;
global using Microsoft.CodeAnalysis.CodeFixes;
global using AzSecAnalyzers.Infrastructure;
