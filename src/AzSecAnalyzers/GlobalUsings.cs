// The namespaces nearly every analyzer file opens: declared once for the assembly instead of at the top of each file.
global using System;
global using System.Collections.Generic;
global using System.Collections.Immutable;
global using Microsoft.CodeAnalysis;
global using Microsoft.CodeAnalysis.Diagnostics;
global using Microsoft.CodeAnalysis.Operations;
global using AzSecAnalyzers.Infrastructure;
global using AzSecAnalyzers.Infrastructure.Operations;
global using AzSecAnalyzers.Infrastructure.Symbols;
