package markdown

// emojis are the shortcodes GitBook pages use, and the common ones around
// them. An unknown shortcode stays as text.
var emojis = map[string]string{
	"tada": "🎉", "rocket": "🚀", "warning": "⚠️", "white_check_mark": "✅", "heavy_check_mark": "✔️",
	"check": "✔️", "x": "❌", "bulb": "💡", "memo": "📝", "book": "📖", "books": "📚", "star": "⭐",
	"sparkles": "✨", "fire": "🔥", "eyes": "👀", "wave": "👋", "thumbsup": "👍", "+1": "👍",
	"thumbsdown": "👎", "-1": "👎", "heart": "❤️", "smile": "😄", "smiley": "😃", "grin": "😁",
	"wink": "😉", "thinking": "🤔", "point_right": "👉", "point_left": "👈", "point_up": "☝️",
	"point_down": "👇", "information_source": "ℹ️", "question": "❓", "exclamation": "❗",
	"lock": "🔒", "unlock": "🔓", "key": "🔑", "gear": "⚙️", "wrench": "🔧", "hammer": "🔨",
	"link": "🔗", "pushpin": "📌", "calendar": "📅", "clock": "🕐", "hourglass": "⌛",
	"mag": "🔍", "email": "📧", "phone": "📞", "computer": "💻", "globe_with_meridians": "🌐",
	"earth_africa": "🌍", "package": "📦", "construction": "🚧", "stop_sign": "🛑",
	"no_entry": "⛔", "zap": "⚡", "bug": "🐛", "lady_beetle": "🐞", "robot": "🤖", "100": "💯",
	"clipboard": "📋", "chart_with_upwards_trend": "📈", "bar_chart": "📊", "trophy": "🏆",
	"mega": "📣", "loudspeaker": "📢", "bell": "🔔", "raised_hands": "🙌", "clap": "👏",
	"muscle": "💪", "pray": "🙏", "ok_hand": "👌", "new": "🆕", "arrow_right": "➡️",
	"arrow_left": "⬅️", "arrow_up": "⬆️", "arrow_down": "⬇️", "red_circle": "🔴",
	"green_circle": "🟢", "yellow_circle": "🟡", "large_blue_circle": "🔵", "black_circle": "⚫",
	"heavy_plus_sign": "➕", "heavy_minus_sign": "➖", "partying_face": "🥳", "confetti_ball": "🎊",
	"gift": "🎁", "moneybag": "💰", "lightning": "🌩️", "sunny": "☀️", "cloud": "☁️",
	"dart": "🎯", "triangular_flag_on_post": "🚩", "scroll": "📜", "file_folder": "📁",
	"open_file_folder": "📂", "page_facing_up": "📄", "pencil": "📝", "pencil2": "✏️",
	"speech_balloon": "💬", "busts_in_silhouette": "👥", "bust_in_silhouette": "👤",
}
