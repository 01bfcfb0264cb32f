--[[
	mw.ustring for one page: a fresh table holding the functions of
	wikibio/scribunto/ustring.py's register() (the `py` argument), so that a module
	changing mw.ustring changes it for its own page only, as in Scribunto.
]]
return function( mw, py )
	local ustring = {}
	for k, v in pairs( py ) do
		ustring[k] = v
	end
	return ustring
end
