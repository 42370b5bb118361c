namespace AzSecAnalyzers.Benchmarks.Corpus;

/// <summary>One source file of the corpus.</summary>
/// <param name="Path">Its path, under "generated/" or "samples/".</param>
/// <param name="Text">Its C# text.</param>
internal sealed record CorpusFile(string Path, string Text);

/// <summary>The generated corpus and what was planted in it.</summary>
/// <param name="Files">The generated files (without the samples).</param>
/// <param name="PlantedTriggers">How often each <see cref="SecurityTrigger"/> was planted, by name.</param>
/// <param name="PlantedAzSecRules">How often code that must trigger each AzSecAnalyzers rule was planted, by rule id.</param>
internal sealed record GeneratedCorpus(
    IReadOnlyList<CorpusFile> Files,
    IReadOnlyDictionary<string, int> PlantedTriggers,
    IReadOnlyDictionary<string, int> PlantedAzSecRules)
{
    public int LineCount => Files.Sum(file => CountLines(file.Text));

    public static int CountLines(string text) => text.Count(ch => ch == '\n') + 1;
}

/// <summary>
/// Generates a deterministic corpus of application code: the same size and seed give the same files.
/// File kinds cycle through <see cref="FileTemplates.All"/> by weight (so even a tiny corpus has every
/// kind); the seed varies names' sizes and member counts. Controllers host the planted
/// <see cref="SecurityTriggers"/>: the first controllers get one trigger each, in order, so a small corpus
/// still has every trigger; after that one controller in <see cref="TriggerEvery"/> gets the next one.
/// </summary>
internal static class CorpusGenerator
{
    public const int TriggerEvery = 4;

    private static readonly string[] Areas =
    [
        "Orders", "Customers", "Invoices", "Shipments", "Products", "Payments", "Inventory", "Reviews",
        "Suppliers", "Returns", "Carts", "Coupons", "Warehouses", "Subscriptions", "Refunds", "Tickets",
    ];

    public static GeneratedCorpus Generate(int fileCount, int seed)
    {
        var random = new Random(seed);
        var sequence = FileTemplates.All.SelectMany(template => Enumerable.Repeat(template, template.Weight)).ToArray();
        var triggers = SecurityTriggers.All;
        var files = new List<CorpusFile>(fileCount);
        var planted = triggers.ToDictionary(trigger => trigger.Name, _ => 0, StringComparer.Ordinal);
        var plantedRules = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var controllers = 0;
        var nextTrigger = 0;

        for (var index = 0; index < fileCount; index++)
        {
            var template = sequence[index % sequence.Length];
            var area = Areas[random.Next(Areas.Length)];
            var fileTriggers = new List<SecurityTrigger>();
            if (template.Name == "Controllers")
            {
                if (controllers < triggers.Count || controllers % TriggerEvery == 0)
                {
                    var trigger = triggers[nextTrigger++ % triggers.Count];
                    fileTriggers.Add(trigger);
                    planted[trigger.Name]++;
                    if (trigger.AzSecRuleId is { } ruleId)
                    {
                        plantedRules[ruleId] = plantedRules.GetValueOrDefault(ruleId) + 1;
                    }
                }

                controllers++;
            }

            var context = new TemplateContext(area, index, random, fileTriggers);
            var text = template.Render(context).Replace("\r\n", "\n", StringComparison.Ordinal);
            files.Add(new CorpusFile($"generated/{template.Name}/{context.Entity}{template.Name}.cs", text + "\n"));
        }

        return new GeneratedCorpus(files, planted, plantedRules);
    }
}
