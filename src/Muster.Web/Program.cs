using Muster.Web;

// The standalone host; `muster serve` builds the same application.
var app = MusterWebApp.Build(MusterWebOptions.FromArguments(args), args);
app.Run();
